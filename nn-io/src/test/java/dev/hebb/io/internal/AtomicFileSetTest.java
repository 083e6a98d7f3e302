package dev.hebb.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redo log of {@link AtomicFileSet}, with crashes simulated at each step by not running the next one. */
class AtomicFileSetTest {

    @TempDir
    Path dir;

    @BeforeEach
    void oldSave() throws IOException {
        Files.writeString(dir.resolve("a"), "old a");
        Files.writeString(dir.resolve("b"), "old b");
        Files.writeString(dir.resolve("c"), "old c");
        Files.writeString(dir.resolve("notes.txt"), "not part of the set");
    }

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The directory's files and their text. */
    private Map<String, String> contents() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return files;
    }

    private static final Map<String, String> OLD = Map.of("a", "old a", "b", "old b", "c", "old c",
            "notes.txt", "not part of the set");
    private static final Map<String, String> NEW = Map.of("a", "new a", "b", "new b", "notes.txt", "not part of the set");

    /** Stages new a and b and the removal of c. */
    private AtomicFileSet staged() throws IOException {
        AtomicFileSet files = AtomicFileSet.begin(dir);
        files.write("a", text("new a"));
        files.write("b", text("new b"));
        files.delete("c");
        return files;
    }

    @Test
    void commitReplacesTheStagedFilesTogetherAndLeavesOthersAlone() throws IOException {
        try (AtomicFileSet files = staged()) {
            assertEquals(OLD, contentsWithoutTemporaries(), "nothing visible before commit");
            files.commit();
        }
        assertEquals(NEW, contents());
    }

    @Test
    void aFailureWhileStagingLeavesTheOldFilesAndNoTemporary() throws IOException {
        try (AtomicFileSet files = AtomicFileSet.begin(dir)) {
            files.write("a", text("new a"));
            IOException e = assertThrows(IOException.class, () -> files.write("b", out -> {
                out.write(new byte[100_000]);
                throw new IOException("No space left on device");
            }));
            assertEquals("No space left on device", e.getMessage());
        }
        assertEquals(OLD, contents());
    }

    @Test
    void aCrashBeforeTheCommitRecordKeepsTheOldFilesAndTheNextWriterRemovesItsTemporaries() throws IOException {
        staged(); // the process dies here: no commit, no close
        AtomicFileSet.recover(dir);
        assertEquals(OLD, contentsWithoutTemporaries());
        AtomicFileSet.begin(dir).close();
        assertEquals(OLD, contents());
    }

    @Test
    void aCrashAfterTheCommitRecordIsFinishedByTheNextRecover() throws IOException {
        AtomicFileSet files = staged();
        files.writeRecord(); // the process dies here, before any rename
        files.close();
        assertEquals(OLD, contentsWithoutTemporaries(), "the renames have not run yet");
        AtomicFileSet.recover(dir);
        assertEquals(NEW, contents(), "all new files, the record gone");
    }

    @Test
    void aCrashHalfwayThroughTheRenamesIsFinishedByTheNextRecover() throws IOException {
        AtomicFileSet files = staged();
        files.writeRecord();
        // The process renamed a's temporary, then died.
        try (Stream<Path> list = Files.list(dir)) {
            Path tempA = list.filter(f -> f.getFileName().toString().startsWith(".a.")).findFirst().orElseThrow();
            Files.move(tempA, dir.resolve("a"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFileSet.recover(dir);
        assertEquals(NEW, contents());
    }

    private Map<String, String> contentsWithoutTemporaries() throws IOException {
        Map<String, String> files = contents();
        files.keySet().removeIf(name -> name.startsWith("."));
        return files;
    }

    /**
     * Readers apply a commit record too, so a damaged or hand-made one is refused whole, naming the record,
     * and leaves every file as it was; only records of the form this class writes are applied.
     */
    @Test
    void aRecordThatThisClassDidNotWriteIsRefusedAndNothingIsApplied() throws IOException {
        Path record = dir.resolve(AtomicFileSet.RECORD);
        String[][] cases = {
            {"{not json", "it is not valid JSON ("},
            {"[1, 2]", "it is not an object"},
            {"{\"delete\": [\"a\", \"b\"]}", "it replaces no file"},
            {"{\"replace\": {\"b\": \"a\"}}", "it replaces 'b' with \"a\", not with a temporary of its own"},
            {"{\"replace\": {\"a\": \".b.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\"}}",
                "it replaces 'a' with \".b.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\", not with a temporary of its own"},
            {"{\"replace\": {\"a\": \".a.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\"}, \"delete\": [\"a\"]}",
                "it deletes \"a\", which is not a plain file name it leaves unreplaced"},
            {"{\"replace\": {\"a\": \".a.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\"}, \"delete\": [\"../x\"]}",
                "it deletes \"../x\", which is not a plain file name it leaves unreplaced"},
            {"{\"replace\": {\"a\": \".a.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\"}, \"delete\": \"b\"}",
                "its 'delete' entry is not a list of file names"},
            {"{\"replace\": {\"a\": \".a.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\"}, \"rename\": {}}",
                "it has the unknown entry 'rename'"},
        };
        for (String[] c : cases) {
            Files.writeString(record, c[0]);
            Map<String, String> before = contents();
            String message = assertThrows(InvalidFileException.class, () -> AtomicFileSet.recover(dir), c[0])
                    .getMessage();
            assertEquals(record + ": is not a commit record Hebb wrote: " + c[1], message.substring(0,
                    Math.min(message.length(), (record + ": is not a commit record Hebb wrote: " + c[1]).length())), c[0]);
            assertTrue(message.endsWith("; nothing was applied; if no save was interrupted, delete it to read the files"
                    + " as they are"), message);
            assertEquals(before, contents(), "nothing moved or deleted: " + c[0]);
        }
    }
}
