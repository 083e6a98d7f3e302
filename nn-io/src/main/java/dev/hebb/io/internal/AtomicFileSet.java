package dev.hebb.io.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.io.InvalidFileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Replaces several files of one directory as one: a reader that first calls {@link #recover} sees all the
 * old files or all the new ones, whenever a crash or a full disk strikes. A small redo log does it:
 * <ol>
 *   <li>each new file is written to a temporary sibling {@code .NAME.ID.tmp} and forced to disk;</li>
 *   <li>the commit record {@value #RECORD}, naming every temporary and its target, is written atomically:
 *       from then on the new set is the saved one;</li>
 *   <li>each temporary is renamed over its target, files to drop are deleted, and the record is removed.</li>
 * </ol>
 * A crash before step 2 leaves the old files untouched (the next writer removes the stray temporaries); a
 * crash after it is finished by the next {@link #recover}, which readers and writers run first. The other
 * files of the directory (e.g. a run's {@code metrics.csv}) are left alone, and the directory itself is
 * never renamed, so it may be the working directory or a mount point.
 *
 * <p>A record is checked whole before any of it is applied, since readers apply it too: it must be one this
 * class writes, naming only temporaries of its own form for its targets, and deleting only files it does not
 * replace, in a record that replaces at least one. So a damaged or hand-made record is refused with its file
 * named, instead of moving or deleting saved files.
 *
 * <p>One writer per directory at a time.
 */
public final class AtomicFileSet implements AutoCloseable {

    /** The commit record's file name. */
    public static final String RECORD = ".hebb-commit.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What follows {@code .TARGET.} in a temporary's name: the writer's id (a UUID) and {@code .tmp}. */
    private static final String ID_SUFFIX = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tmp";
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\." + ID_SUFFIX);
    private static final Pattern TEMPORARY_AFTER_PREFIX = Pattern.compile(ID_SUFFIX);

    private final Path dir;
    private final String id = UUID.randomUUID().toString();
    private final Map<String, Path> replaced = new LinkedHashMap<>();
    private final Map<String, Path> dropped = new LinkedHashMap<>();
    private boolean recorded;

    private AtomicFileSet(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts replacing files of {@code dir} (created if missing), after finishing or discarding what an
     * interrupted earlier update left there.
     */
    public static AtomicFileSet begin(Path dir) throws IOException {
        Files.createDirectories(dir);
        recover(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches()) {
                    Files.deleteIfExists(f); // written by an update that crashed before its commit record
                }
            }
        }
        return new AtomicFileSet(dir);
    }

    /** Stages the new content of {@code name}; nothing is visible until {@link #commit()}. */
    public void write(String name, AtomicFiles.Content content) throws IOException {
        Path temp = dir.resolve(temporaryPrefix(checkedName(name)) + id + ".tmp");
        replaced.put(name, temp); // before writing, so that close() also removes a partly written temporary
        AtomicFiles.writeDurably(temp, content);
    }

    /** Stages the removal of {@code name} (no error if it does not exist). */
    public void delete(String name) {
        dropped.put(checkedName(name), null);
    }

    /** Makes every staged change visible at once. */
    public void commit() throws IOException {
        writeRecord();
        finish(dir);
    }

    /** Step 2 alone: after it the new set is the saved one, even if the renames never run. For tests of a crash. */
    void writeRecord() throws IOException {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode replace = record.putObject("replace");
        replaced.forEach((name, temp) -> replace.put(name, temp.getFileName().toString()));
        dropped.keySet().forEach(record.putArray("delete")::add);
        byte[] bytes = JSON.writeValueAsBytes(record);
        AtomicFiles.write(dir.resolve(RECORD), out -> out.write(bytes));
        recorded = true;
    }

    /** Removes the temporaries of an update that was not committed. */
    @Override
    public void close() throws IOException {
        if (!recorded) {
            for (Path temp : replaced.values()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Finishes an update of {@code dir} that was committed but not completely applied (its process died
     * between renames); does nothing when there is none.
     */
    public static void recover(Path dir) throws IOException {
        if (Files.exists(dir.resolve(RECORD))) {
            finish(dir);
        }
    }

    /** Step 3: applies the commit record of {@code dir}, each step idempotent, then removes the record. */
    private static void finish(Path dir) throws IOException {
        Path recordFile = dir.resolve(RECORD);
        JsonNode record;
        try {
            record = JSON.readTree(Files.readAllBytes(recordFile));
        } catch (NoSuchFileException finishedByAnotherReader) {
            return;
        } catch (JsonProcessingException e) {
            throw damaged(recordFile, "it is not valid JSON (" + JsonErrors.what(e) + ")");
        }
        Map<String, String> replace = new LinkedHashMap<>();
        List<String> delete = new ArrayList<>();
        readRecord(recordFile, record, replace, delete);
        for (Map.Entry<String, String> e : replace.entrySet()) {
            try {
                Files.move(dir.resolve(e.getValue()), dir.resolve(e.getKey()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException alreadyMoved) {
                // Renamed before the crash, or by a concurrent reader's recover().
            }
        }
        for (String name : delete) {
            Files.deleteIfExists(dir.resolve(name));
        }
        AtomicFiles.syncDirectory(dir);
        Files.deleteIfExists(recordFile);
        AtomicFiles.syncDirectory(dir);
    }

    /** Checks a whole commit record, as {@link #writeRecord} writes them, into its renames and deletions. */
    private static void readRecord(Path file, JsonNode record, Map<String, String> replace, List<String> delete)
            throws InvalidFileException {
        if (!record.isObject()) {
            throw damaged(file, "it is not an object");
        }
        for (Iterator<String> keys = record.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("replace") && !key.equals("delete")) {
                throw damaged(file, "it has the unknown entry '" + key + "'");
            }
        }
        JsonNode replaceNode = record.path("replace");
        if (!replaceNode.isObject() || replaceNode.isEmpty()) {
            throw damaged(file, "it replaces no file");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = replaceNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String target = e.getKey();
            String temp = e.getValue().asText();
            if (!e.getValue().isTextual() || !isPlainName(target) || !temp.startsWith(temporaryPrefix(target))
                    || !TEMPORARY_AFTER_PREFIX.matcher(temp.substring(temporaryPrefix(target).length())).matches()) {
                throw damaged(file, "it replaces '" + target + "' with " + e.getValue() + ", not with a temporary of its own");
            }
            replace.put(target, temp);
        }
        JsonNode deleteNode = record.path("delete");
        if (!deleteNode.isMissingNode() && !deleteNode.isArray()) {
            throw damaged(file, "its 'delete' entry is not a list of file names");
        }
        for (JsonNode name : deleteNode) {
            if (!name.isTextual() || !isPlainName(name.textValue()) || replace.containsKey(name.textValue())) {
                throw damaged(file, "it deletes " + name + ", which is not a plain file name it leaves unreplaced");
            }
            delete.add(name.textValue());
        }
    }

    private static InvalidFileException damaged(Path file, String why) {
        return new InvalidFileException(file, "is not a commit record Hebb wrote: " + why + "; nothing was applied;"
                + " if no save was interrupted, delete it to read the files as they are");
    }

    /** The start of the name of a temporary that replaces {@code target}: {@code .TARGET.} */
    private static String temporaryPrefix(String target) {
        return "." + target + ".";
    }

    private static boolean isPlainName(String name) {
        return !(name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals(".."));
    }

    /** A plain file name: nothing in a commit record may point outside its directory. */
    private static String checkedName(String name) {
        if (!isPlainName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a plain file name");
        }
        return name;
    }
}
