package dev.hebb.io.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a mix: the
 * content goes to a temporary file in the same directory (same file system, so the rename is atomic),
 * is forced to disk, and is then moved over the target. A crash or a full disk mid-write leaves the old
 * file untouched and at worst a stray temporary file. {@link AtomicFileSet} does the same for several
 * files at once.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} atomically with what {@code content} writes. A new file gets the permissions
     * any new file gets there (the umask's); a replaced one keeps its own.
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file readable by its owner only, and the rename would carry
        // that over to the target (weights that a server running as another user could not read). A number,
        // not a UUID, so that AtomicFileSet never takes it for one of its own stray temporaries.
        Path temp = dir.resolve("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            writeDurably(temp, content);
            keepPermissions(absolute, temp);
            // No fallback to a plain copy: a file system that cannot rename atomically fails the save loudly.
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the temporaries {@link #write} leaves beside {@code target} when its process is killed before the
     * rename ({@code .NAME.NUMBER.tmp}); the target itself is untouched.
     */
    public static void removeStrayTemporaries(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")
                        && name.substring(prefix.length(), name.length() - 4).matches("\\d+")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Gives {@code temp} the POSIX permissions of {@code target} when it exists (nothing elsewhere). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.exists(target) || Files.getFileAttributeView(target, PosixFileAttributeView.class) == null) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
    }

    /**
     * Writes {@code file} (replacing any content) and forces it to disk before returning: durable before
     * it becomes visible, otherwise a power cut after the rename could expose an empty file.
     */
    static void writeDurably(Path file, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries (the renames in it) to disk, where the platform can: POSIX systems can,
     * Windows cannot open a directory and makes renames durable itself.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Best effort by design: the rename itself is still atomic.
        }
    }
}
