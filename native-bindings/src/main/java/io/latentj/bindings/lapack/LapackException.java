package io.latentj.bindings.lapack;

/** A LAPACK routine rejected an argument ({@code info < 0}) or could not be called. */
public final class LapackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String routine;
    private final int info;

    public LapackException(String routine, int info, String message) {
        super(routine + ": " + message);
        this.routine = routine;
        this.info = info;
    }

    /** e.g. "ssyevd". */
    public String routine() {
        return routine;
    }

    /** The LAPACK {@code info} value (negative: the position of the illegal argument), or 0 when none was returned. */
    public int info() {
        return info;
    }
}
