package dev.hebb.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be used as it is: malformed, truncated, or not matching what it is loaded into.
 * The message is one sentence that starts with the file and says where and what was expected, e.g.
 * {@code "iris.csv, line 7: column 'sepal_width' holds 'abc', which is not a number"}.
 */
public class InvalidFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}; {@code detail} says where and what (the file name is prefixed). */
    public InvalidFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** Same, keeping the lower-level cause. */
    public InvalidFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
