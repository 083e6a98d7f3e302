package dev.hebb.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

    /**
     * A file or folder the user named with {@code option} that could not be created or written, with the reason:
     * the system reports a missing parent, or a place where nothing can be created ({@code /proc}), as "no such
     * file", which read as if an input were missing.
     */
    static CliException cannotWrite(String option, Path path, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            Path parent = path.toAbsolutePath().getParent();
            reason = parent != null && !Files.isDirectory(parent)
                    ? "its folder " + parent + " does not exist" : "it cannot be created there";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new CliException(option + " " + path + ": cannot be written (" + reason + ")", e);
    }
}
