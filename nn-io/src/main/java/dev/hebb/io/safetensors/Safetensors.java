package dev.hebb.io.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.io.InvalidFileException;
import dev.hebb.io.internal.AtomicFiles;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, so
 * weights move to and from PyTorch unchanged:
 * <pre>
 * [8 bytes: header length N, unsigned little-endian]
 * [N bytes: JSON {"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...},
 *           padded with spaces to a multiple of 8]
 * [data: each tensor's elements little-endian, row-major, at data_offsets relative to the end of the header]
 * </pre>
 * Hebb writes F32; it reads F32, F64, F16 and BF16 (converted to F32; a finite F64 value beyond the float32
 * range is refused rather than turned into an infinity). Reading validates the whole file
 * (header length, JSON, dtypes, shapes against byte counts, offsets that neither overlap nor leave holes
 * and cover the data exactly) before returning anything.
 */
public final class Safetensors {

    /** The header key of the free-form string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    /** What torch.nn.DataParallel puts before every state_dict name; such a file is told so when it does not load. */
    private static final String DATA_PARALLEL_PREFIX = "module.";

    /** Headers beyond this are refused as corrupt (the reference implementation's limit). */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    /** Elements converted per read, so huge tensors never need a second full-size byte buffer. */
    private static final int CHUNK_ELEMENTS = 1 << 18;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} as F32 with {@code metadata}, atomically (a temporary file in the same
     * directory is renamed over {@code file}).
     *
     * @throws IllegalArgumentException for an empty name or the reserved name {@value #METADATA_KEY}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /** Writes {@code tensors} as F32 with {@code metadata} to {@code out} (not closed). */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        writeTo(out, header(tensors, metadata), tensors);
    }

    /** The model's parameters by their PyTorch state-dict names, as {@link #write(Path, Map, Map)} takes them. */
    public static Map<String, Tensor> values(Map<String, Parameter> parameters) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        parameters.forEach((name, p) -> values.put(name, p.value()));
        return values;
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, () -> "metadata value of '" + k + "'")));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a safetensors tensor cannot be named '" + name + "'");
            }
            Tensor t = e.getValue();
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 4L * t.size();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) & ~7;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK_ELEMENTS).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            float[] data = t.data();
            for (int from = 0; from < data.length; from += CHUNK_ELEMENTS) {
                int count = Math.min(CHUNK_ELEMENTS, data.length - from);
                buffer.clear();
                buffer.asFloatBuffer().put(data, from, count);
                out.write(buffer.array(), 0, 4 * count);
            }
        }
    }

    /**
     * Reads and validates a whole file, converting every tensor to F32.
     *
     * @throws InvalidFileException naming the file and what is wrong, for any malformed or truncated file
     */
    public static SafetensorsContent read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidFileException(file, "is a folder; expected a safetensors file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new InvalidFileException(file, "is " + size + " bytes long, too short for a safetensors file"
                        + " (it must start with an 8-byte header length)");
            }
            ByteBuffer lengthBytes = readAt(file, channel, 0, 8);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 0 || headerLength > size - 8) {
                throw new InvalidFileException(file, "declares a header of " + Long.toUnsignedString(headerLength)
                        + " bytes but only " + (size - 8) + " bytes follow the length field (truncated or not a safetensors file)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new InvalidFileException(file, "declares a header of " + headerLength + " bytes, more than the "
                        + MAX_HEADER_BYTES + " a safetensors header may have");
            }
            ByteBuffer headerBytes = readAt(file, channel, 8, (int) headerLength);
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = parseHeader(file, headerBytes.array(), entries);
            long dataStart = 8 + headerLength;
            checkLayout(file, entries, size - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name, readTensor(file, channel, dataStart, e));
            }
            return new SafetensorsContent(tensors, metadata);
        }
    }

    /**
     * Loads a file into the given parameters (e.g. {@code Sequential.namedParameters()}): every tensor is
     * read and checked against the parameters' names and shapes first, and only when all match are the
     * values copied, so a bad file never leaves a half-loaded model. To load a model's whole state, buffers
     * included, use {@link #loadState} with {@code Sequential.stateDict()}.
     *
     * @return the file's metadata
     * @throws InvalidFileException naming missing or unexpected tensors, a tensor with its expected and
     *                              found shape, or the first NaN or infinite value
     */
    public static Map<String, String> loadInto(Path file, Map<String, Parameter> parameters) throws IOException {
        return loadState(file, values(parameters));
    }

    /**
     * Loads a file into the given tensors by name, e.g. a model's {@code Sequential.stateDict()} (its parameters
     * and buffers, as PyTorch's {@code load_state_dict}): every tensor is read and checked against the targets'
     * names and shapes first, and only when all match are the values copied into the targets, so a bad file never
     * leaves a half-loaded model.
     *
     * @return the file's metadata
     * @throws InvalidFileException naming missing or unexpected tensors, a tensor with its expected and
     *                              found shape, or the first NaN or infinite value
     */
    public static Map<String, String> loadState(Path file, Map<String, Tensor> targets) throws IOException {
        return loadState(file, targets, Set.of());
    }

    /**
     * Loads a file into a model's whole state ({@link Sequential#stateDict()}), as {@link #loadState(Path, Map)},
     * except that buffers the model's layers let a file leave out ({@link Sequential#buffersThatMayBeMissing()}, e.g.
     * dropout's pass counter, which PyTorch's {@code nn.Dropout} does not keep) keep their current values when the
     * file lacks them: weights written by PyTorch load into such a model.
     *
     * @return the file's metadata
     * @throws InvalidFileException as {@link #loadState(Path, Map)}
     */
    public static Map<String, String> loadModel(Path file, Sequential model) throws IOException {
        return loadState(file, model.stateDict(), model.buffersThatMayBeMissing());
    }

    private static Map<String, String> loadState(Path file, Map<String, Tensor> targets, Set<String> mayBeMissing)
            throws IOException {
        SafetensorsContent content = read(file);
        Map<String, Tensor> expected = new LinkedHashMap<>(targets);
        expected.keySet().removeIf(name -> mayBeMissing.contains(name) && !content.tensors().containsKey(name));
        checkMatches(file, content.tensors(), expected, "the model");
        checkFinite(file, content.tensors());
        expected.forEach((name, t) -> t.copyFrom(content.tensors().get(name)));
        return content.metadata();
    }

    /**
     * Fails on the first NaN or infinite value: weights (or optimizer state) holding one would make every
     * prediction, loss and later step NaN, far from the file that caused it.
     *
     * @throws InvalidFileException naming the tensor, the element and the value
     */
    public static void checkFinite(Path file, Map<String, Tensor> tensors) throws InvalidFileException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            int i = Ops.firstNonFinite(e.getValue());
            if (i >= 0) {
                throw new InvalidFileException(file, "tensor '" + e.getKey() + "' holds " + e.getValue().data()[i]
                        + " at element " + i + " (counting from 0); every value must be a finite number");
            }
        }
    }

    /**
     * Checks that {@code found} holds exactly the names of {@code expected}, with the same shapes.
     *
     * @param what what the expected tensors belong to, for the message ("the model")
     * @throws InvalidFileException naming the missing, unexpected or mis-shaped tensors
     */
    public static void checkMatches(Path file, Map<String, Tensor> found, Map<String, Tensor> expected, String what)
            throws InvalidFileException {
        List<String> missing = expected.keySet().stream().filter(n -> !found.containsKey(n)).toList();
        List<String> extra = found.keySet().stream().filter(n -> !expected.containsKey(n)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder("does not match ").append(what).append(':');
            if (!missing.isEmpty()) {
                sb.append(" missing tensor").append(missing.size() == 1 ? " " : "s ").append(quoted(missing));
            }
            if (!extra.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : ";").append(" unexpected tensor").append(extra.size() == 1 ? " " : "s ")
                        .append(quoted(extra));
            }
            sb.append(" (").append(what).append(" has ").append(quoted(new ArrayList<>(expected.keySet()))).append(')');
            if (!extra.isEmpty() && extra.stream().allMatch(n -> n.startsWith(DATA_PARALLEL_PREFIX)
                    && missing.contains(n.substring(DATA_PARALLEL_PREFIX.length())))) {
                sb.append(", the file's names carrying the '").append(DATA_PARALLEL_PREFIX)
                        .append("' prefix of a model wrapped in torch.nn.DataParallel: save model.module.state_dict() instead");
            }
            throw new InvalidFileException(file, sb.toString());
        }
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = found.get(e.getKey());
            if (!t.sameShape(e.getValue())) {
                throw new InvalidFileException(file, "tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " but " + what + " expects " + Arrays.toString(e.getValue().shape()));
            }
        }
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** One tensor's header entry. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private static Map<String, String> parseHeader(Path file, byte[] header, List<Entry> entries) throws InvalidFileException {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(file, "has a header that is not valid JSON: " + dev.hebb.io.internal.JsonErrors.what(e), e);
        } catch (IOException e) {
            throw new InvalidFileException(file, "has an unreadable header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFileException(file, "has a header that is not a JSON object: "
                    + new String(header, 0, Math.min(header.length, 80), StandardCharsets.UTF_8));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!node.isObject()) {
                    throw new InvalidFileException(file, "has a " + METADATA_KEY + " that is not an object of strings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> m = node.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) {
                        throw new InvalidFileException(file, METADATA_KEY + " entry '" + kv.getKey()
                                + "' is not a string: " + kv.getValue());
                    }
                    metadata.put(kv.getKey(), kv.getValue().textValue());
                }
            } else {
                entries.add(parseEntry(file, name, node));
            }
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, JsonNode node) throws InvalidFileException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new InvalidFileException(file, where + " has a header entry that is not an object: " + node);
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new InvalidFileException(file, where + " has no dtype string");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, where + " has dtype " + dtypeNode.textValue()
                    + ", which is not supported; supported: " + Arrays.toString(DType.values()));
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new InvalidFileException(file, where + " has no shape array");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || d.bigIntegerValue().signum() < 0) {
                throw new InvalidFileException(file, where + " has shape " + shapeNode
                        + ", which is not a list of non-negative whole numbers");
            }
            if (!d.canConvertToInt()) {
                throw new InvalidFileException(file, where + " has shape " + shapeNode + ", more elements than a Java array holds");
            }
            shape[i] = d.intValue();
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new InvalidFileException(file, where + " has shape " + shapeNode + ", more elements than a Java array holds");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || offsets.get(0).asLong() < 0
                || offsets.get(1).asLong() < offsets.get(0).asLong()) {
            throw new InvalidFileException(file, where + " has data_offsets " + offsets
                    + ", expected [begin, end] with 0 <= begin <= end");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (end - begin != count * dtype.bytes) {
            throw new InvalidFileException(file, where + " of dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " needs " + count * dtype.bytes + " bytes but its data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The tensors' byte ranges must tile the data exactly: no overlap, no hole, nothing past the end. */
    private static void checkLayout(Path file, List<Entry> entries, long dataSize) throws InvalidFileException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < expected) {
                throw new InvalidFileException(file, "tensor '" + e.name + "' (bytes " + e.begin + " to " + e.end
                        + ") overlaps tensor '" + previous.name + "' (bytes " + previous.begin + " to " + previous.end + ")");
            }
            if (e.begin > expected) {
                throw new InvalidFileException(file, "bytes " + expected + " to " + e.begin
                        + " of the data belong to no tensor (a hole before tensor '" + e.name + "')");
            }
            expected = e.end;
            previous = e;
        }
        if (expected > dataSize) {
            throw new InvalidFileException(file, "tensor '" + previous.name + "' ends at data byte " + expected
                    + " but the file holds only " + dataSize + " bytes of data (truncated?)");
        }
        if (expected < dataSize) {
            throw new InvalidFileException(file, "the last " + (dataSize - expected)
                    + " bytes of the data belong to no tensor");
        }
    }

    private static Tensor readTensor(Path file, FileChannel channel, long dataStart, Entry e) throws IOException {
        Tensor t = Tensor.zeros(e.shape);
        float[] out = t.data();
        long position = dataStart + e.begin;
        for (int from = 0; from < out.length; from += CHUNK_ELEMENTS) {
            int count = Math.min(CHUNK_ELEMENTS, out.length - from);
            ByteBuffer bytes = readAt(file, channel, position, count * e.dtype.bytes);
            int overflow = e.dtype.decode(bytes, out, from, count);
            if (overflow >= 0) {
                // Narrowed, it would be an infinity, and checkFinite would name a value the file does not hold.
                throw new InvalidFileException(file, "tensor '" + e.name + "' holds " + bytes.getDouble(overflow * 8)
                        + " at element " + (from + overflow) + " (counting from 0), beyond the float32 range of ±"
                        + Float.MAX_VALUE + " that Hebb computes in");
            }
            position += (long) count * e.dtype.bytes;
        }
        return t;
    }

    private static ByteBuffer readAt(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long p = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, p);
            if (n < 0) {
                // The file shrank while we read it: report as truncation rather than a bare EOF.
                throw new InvalidFileException(file, "ended at byte " + p + " while reading", new EOFException());
            }
            p += n;
        }
        buffer.flip();
        return buffer;
    }
}
