package io.latentj.models.io;

import java.io.IOException;

/**
 * A data or model file that does not hold what its format promises; the message names the file (or, for a model read
 * from memory or a stream, the {@link ModelSource#name() source}), the place and the problem.
 */
public final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public FormatException(java.nio.file.Path file, String where, String problem) {
        this(String.valueOf(file), where, problem);
    }

    public FormatException(java.nio.file.Path file, String where, String problem, Throwable cause) {
        this(String.valueOf(file), where, problem, cause);
    }

    /** A problem in the named source (a file name, or a description such as {@code "<bytes>"}). */
    public FormatException(String source, String where, String problem) {
        super(message(source, where, problem));
    }

    /** A problem in the named source, with its cause. */
    public FormatException(String source, String where, String problem, Throwable cause) {
        super(message(source, where, problem), cause);
    }

    private static String message(String source, String where, String problem) {
        return source + (where == null || where.isEmpty() ? "" : " (" + where + ")") + ": " + problem;
    }
}
