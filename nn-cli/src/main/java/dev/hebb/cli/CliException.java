package dev.hebb.cli;

/** A failure the command line reports to the user as it is: one sentence, exit code 1. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CliException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (shown with --verbose). */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
