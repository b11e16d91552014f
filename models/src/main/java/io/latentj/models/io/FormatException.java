package io.latentj.models.io;

import java.io.IOException;

/** A data or model file that does not hold what its format promises; the message names the file, the place and the problem. */
public final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public FormatException(java.nio.file.Path file, String where, String problem) {
        super(file + (where == null || where.isEmpty() ? "" : " (" + where + ")") + ": " + problem);
    }

    public FormatException(java.nio.file.Path file, String where, String problem, Throwable cause) {
        super(file + (where == null || where.isEmpty() ? "" : " (" + where + ")") + ": " + problem, cause);
    }
}
