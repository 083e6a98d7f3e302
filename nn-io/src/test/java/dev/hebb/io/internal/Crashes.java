package dev.hebb.io.internal;

import java.io.IOException;

/** Crash points of an {@link AtomicFileSet}, for tests in other packages of nn-io. */
public final class Crashes {

    private Crashes() {
    }

    /** Writes the commit record of {@code files} and stops there, as a process killed before its renames. */
    public static void afterCommitRecord(AtomicFileSet files) throws IOException {
        files.writeRecord();
    }
}
