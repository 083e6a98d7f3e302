package dev.hebb.io.data;

import dev.hebb.io.InvalidFileException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files, transparently un-gzipping those that start with the gzip magic number. */
final class Inputs {

    private Inputs() {
    }

    /** A buffered stream of the file's content, decompressed when it is gzipped (whatever its name). */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new Gunzip(file, new GZIPInputStream(in, 1 << 16)), 1 << 16);
            } catch (EOFException | ZipException e) {
                in.close();
                throw corrupt(file, e, "it ends inside the gzip header");
            }
        }
        return in;
    }

    /**
     * Java reports a cut-off or damaged gzip stream as "Unexpected end of ZLIB input stream" with no file
     * name, and the readers above cannot tell it from their own end-of-file; so it is named here.
     */
    /** Where a gzip stream that breaks off after its header ends (Java's EOFException says nothing). */
    private static final String CUT_SHORT = "it ends before its compressed data does, or inside the trailer after it";

    private static InvalidFileException corrupt(Path file, IOException e, String whereItEnds) {
        String why = e.getMessage() != null ? e.getMessage() : whereItEnds;
        return new InvalidFileException(file, "is a truncated or corrupt gzip file (" + why + ")", e);
    }

    private static final class Gunzip extends FilterInputStream {
        private final Path file;

        Gunzip(Path file, InputStream gzip) {
            super(gzip);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException | ZipException e) {
                throw corrupt(file, e, CUT_SHORT);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException | ZipException e) {
                throw corrupt(file, e, CUT_SHORT);
            }
        }
    }
}
