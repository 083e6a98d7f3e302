package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.io.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void failureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        AtomicFiles.write(file, out -> out.write("good".getBytes(StandardCharsets.UTF_8)));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("good", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void successReplacesTheFile() throws IOException {
        Path file = dir.resolve("model.json");
        AtomicFiles.write(file, out -> out.write('1'));
        AtomicFiles.write(file, out -> out.write('2'));
        assertEquals("2", Files.readString(file));
    }

    @Test
    void aNewFileGetsTheUsualPermissionsAndAReplacedOneKeepsItsOwn() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null, "POSIX");
        Path plain = dir.resolve("plain.bin");
        Files.write(plain, new byte[] {1});
        Path atomic = dir.resolve("weights.safetensors");

        AtomicFiles.write(atomic, out -> out.write(2));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic),
                "as any new file here (the umask's), not owner-only");

        java.util.Set<java.nio.file.attribute.PosixFilePermission> custom =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(atomic, custom);
        AtomicFiles.write(atomic, out -> out.write(3));
        assertEquals(custom, Files.getPosixFilePermissions(atomic));
        assertEquals(3, Files.readAllBytes(atomic)[0]);
    }
}
