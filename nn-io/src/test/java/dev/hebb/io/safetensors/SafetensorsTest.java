package dev.hebb.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.InvalidFileException;
import dev.hebb.layer.Dense;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Sequential;
import dev.hebb.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    /**
     * An independent writer of the format, used to check the reader against bytes not produced by
     * {@link Safetensors}: the header is a hand-written JSON string and every tensor is given as raw
     * little-endian bytes with the dtype and offsets the test chooses.
     */
    private static final class RawWriter {
        private final StringBuilder header = new StringBuilder("{");
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        RawWriter tensor(String name, String dtype, String shape, byte[] bytes) {
            int begin = data.size();
            data.writeBytes(bytes);
            return entry(name, dtype, shape, begin, data.size());
        }

        RawWriter entry(String name, String dtype, String shape, long begin, long end) {
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(name).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":").append(shape)
                    .append(",\"data_offsets\":[").append(begin).append(',').append(end).append("]}");
            return this;
        }

        RawWriter raw(String json) {
            if (header.length() > 1) {
                header.append(',');
            }
            header.append(json);
            return this;
        }

        RawWriter bytes(byte[] bytes) {
            data.writeBytes(bytes);
            return this;
        }

        Path writeTo(Path file) throws IOException {
            byte[] json = (header + "}").getBytes(StandardCharsets.UTF_8);
            return writeTo(file, json, json.length);
        }

        Path writeTo(Path file, byte[] json, long declaredLength) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(declaredLength).put(json).put(data.toByteArray());
            return Files.write(file, b.array());
        }
    }

    private static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static byte[] u16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private static Sequential model(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Layer> layers = List.of(new Dense(4, 3, r), new Dense(3, 2, r));
        return new Sequential(new int[] {4}, layers);
    }

    @Test
    void writtenFileHasLittleEndianLengthSpacePaddedHeaderAndRowMajorF32Data() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header length is padded to a multiple of 8");
        String header = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}",
                header.stripTrailing());
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        assertEquals(8 + n + 24, b.capacity());
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, b.getFloat((int) (8 + n) + 4 * i), "element " + i + " in row-major order");
        }
    }

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE}, 4));
        tensors.put("a", Tensor.scalar(3.5f));
        tensors.put("empty", Tensor.zeros(0, 5));
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, tensors, Map.of("epoch", "3", "lr", "0.01"));

        SafetensorsContent c = Safetensors.read(file);
        assertEquals(List.of("b", "a", "empty"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("epoch", "3", "lr", "0.01"), c.metadata());
        for (String name : tensors.keySet()) {
            assertArrayEquals(tensors.get(name).shape(), c.tensors().get(name).shape(), name);
            assertArrayEquals(tensors.get(name).data(), c.tensors().get(name).data(), 0f, name + " bit for bit");
        }
    }

    @Test
    void readsFileFromIndependentWriterWithAllSupportedDtypes() throws IOException {
        Path file = new RawWriter()
                .raw("\"__metadata__\":{\"format\":\"pt\"}")
                .tensor("w32", "F32", "[2,2]", f32(1.5f, -2f, 0.25f, 1e-3f))
                .tensor("w64", "F64", "[3]", f64(0.1, -1e30, 1e-50))
                // binary16: 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal), +inf
                .tensor("w16", "F16", "[5]", u16(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00))
                // bfloat16: 1.0, -0.5, 3.0 (upper halves of the float32 bits)
                .tensor("wbf", "BF16", "[1,3]", u16(0x3F80, 0xBF00, 0x4040))
                .writeTo(dir.resolve("raw.safetensors"));

        SafetensorsContent c = Safetensors.read(file);
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f, 1e-3f}, c.tensors().get("w32").data(), 0f);
        // F64 is narrowed to the nearest float, as torch's .float() does (1e-50 underflows to 0).
        assertArrayEquals(new float[] {0.1f, -1e30f, 0f}, c.tensors().get("w64").data(), 0f);
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY}, c.tensors().get("w16").data(), 0f);
        assertArrayEquals(new float[] {1f, -0.5f, 3f}, c.tensors().get("wbf").data(), 0f);
        assertArrayEquals(new int[] {1, 3}, c.tensors().get("wbf").shape());
    }

    @Test
    void f64ValueBeyondTheFloatRangeIsRefusedNamingTheValueTheFileHolds() throws IOException {
        // torch.float64 weights may hold 1e300; narrowed it would be Infinity, and the finiteness check would
        // then report "holds Infinity", a value the file does not hold. Float.MAX_VALUE itself still narrows.
        Path file = new RawWriter()
                .tensor("w64", "F64", "[3]", f64(Float.MAX_VALUE, 1e300, -1e39))
                .writeTo(dir.resolve("big.safetensors"));
        InvalidFileException e = failsToRead(file);
        assertEquals(file + ": tensor 'w64' holds 1.0E300 at element 1 (counting from 0), beyond the float32 range"
                + " of ±3.4028235E38 that Hebb computes in", e.getMessage());
        Path edge = new RawWriter().tensor("w64", "F64", "[1]", f64(-(double) Float.MAX_VALUE)).writeTo(dir.resolve("edge.safetensors"));
        assertArrayEquals(new float[] {-Float.MAX_VALUE}, Safetensors.read(edge).tensors().get("w64").data(), 0f);
    }

    @Test
    void readsTensorsWhoseDataIsStoredInAnotherOrderThanTheHeader() throws IOException {
        // The reference writer orders data by dtype and name, not by header order; only offsets matter.
        RawWriter w = new RawWriter().bytes(f32(7f)).bytes(f32(1f, 2f));
        w.entry("0.weight", "F32", "[2]", 4, 12).entry("0.bias", "F32", "[1]", 0, 4);
        SafetensorsContent c = Safetensors.read(w.writeTo(dir.resolve("o.safetensors")));
        assertArrayEquals(new float[] {1f, 2f}, c.tensors().get("0.weight").data(), 0f);
        assertArrayEquals(new float[] {7f}, c.tensors().get("0.bias").data(), 0f);
    }

    @Test
    void loadIntoModelGivesIdenticalPredictions() throws IOException {
        Sequential trained = model(1);
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, Safetensors.values(trained.namedParameters()), Map.of());
        Sequential fresh = model(2);
        Safetensors.loadInto(file, fresh.namedParameters());

        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 1f, 1f, -3f, 0f}, 2, 4);
        assertArrayEquals(trained.predict(x).copy().data(), fresh.predict(x).data(), 0f, "bitwise identical");
    }

    @Test
    void weightsHoldingNaNOrInfinityAreRejectedAndTheModelLeftAsItWas() throws IOException {
        Sequential trained = model(1);
        trained.namedParameters().get("1.weight").value().data()[3] = Float.NaN;
        Path file = dir.resolve("nan.safetensors");
        Safetensors.write(file, Safetensors.values(trained.namedParameters()), Map.of());
        Sequential fresh = model(2);
        float[] before = fresh.namedParameters().get("0.weight").value().data().clone();

        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Safetensors.loadInto(file, fresh.namedParameters()));
        assertEquals(file + ": tensor '1.weight' holds NaN at element 3 (counting from 0); every value must be a finite number",
                e.getMessage());
        assertArrayEquals(before, fresh.namedParameters().get("0.weight").value().data(), 0f, "nothing copied");
    }

    private InvalidFileException failsToRead(Path file) {
        return assertThrows(InvalidFileException.class, () -> Safetensors.read(file));
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = new RawWriter().writeTo(dir.resolve("long.safetensors"), json, 1000);
        assertEquals(file + ": declares a header of 1000 bytes but only 2 bytes follow the length field"
                + " (truncated or not a safetensors file)", failsToRead(file).getMessage());
    }

    @Test
    void rejectsFileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertEquals(file + ": is 3 bytes long, too short for a safetensors file (it must start with an 8-byte header length)",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws IOException {
        byte[] json = "{\"a\": [".getBytes(StandardCharsets.UTF_8);
        Path file = new RawWriter().writeTo(dir.resolve("bad.safetensors"), json, json.length);
        assertTrue(failsToRead(file).getMessage().startsWith(file + ": has a header that is not valid JSON: "));
    }

    @Test
    void rejectsOverlappingOffsets() throws IOException {
        RawWriter w = new RawWriter().bytes(f32(1, 2, 3));
        w.entry("a", "F32", "[2]", 0, 8).entry("b", "F32", "[2]", 4, 12);
        Path file = w.writeTo(dir.resolve("overlap.safetensors"));
        assertEquals(file + ": tensor 'b' (bytes 4 to 12) overlaps tensor 'a' (bytes 0 to 8)", failsToRead(file).getMessage());
    }

    @Test
    void rejectsHoleBetweenTensors() throws IOException {
        RawWriter w = new RawWriter().bytes(f32(1, 2, 3));
        w.entry("a", "F32", "[1]", 0, 4).entry("b", "F32", "[1]", 8, 12);
        Path file = w.writeTo(dir.resolve("hole.safetensors"));
        assertEquals(file + ": bytes 4 to 8 of the data belong to no tensor (a hole before tensor 'b')",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsTrailingBytesNoTensorOwns() throws IOException {
        RawWriter w = new RawWriter().bytes(f32(1, 2, 3));
        w.entry("a", "F32", "[2]", 0, 8);
        Path file = w.writeTo(dir.resolve("tail.safetensors"));
        assertEquals(file + ": the last 4 bytes of the data belong to no tensor", failsToRead(file).getMessage());
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        RawWriter w = new RawWriter().bytes(f32(1, 2, 3));
        w.entry("a", "F32", "[4]", 0, 16);
        Path file = w.writeTo(dir.resolve("cut.safetensors"));
        assertEquals(file + ": tensor 'a' ends at data byte 16 but the file holds only 12 bytes of data (truncated?)",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsUnsupportedDtypeNamingIt() throws IOException {
        Path file = new RawWriter().tensor("0.steps", "I64", "[1]", new byte[8]).writeTo(dir.resolve("i64.safetensors"));
        assertEquals(file + ": tensor '0.steps' has dtype I64, which is not supported; supported: [F32, F64, F16, BF16]",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsOffsetsThatDoNotMatchTheShape() throws IOException {
        Path file = new RawWriter().tensor("a", "F32", "[3]", f32(1, 2)).writeTo(dir.resolve("size.safetensors"));
        assertEquals(file + ": tensor 'a' of dtype F32 and shape [3] needs 12 bytes but its data_offsets [0, 8] span 8",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsNegativeDimension() throws IOException {
        Path file = new RawWriter().tensor("a", "F32", "[-1]", f32()).writeTo(dir.resolve("neg.safetensors"));
        assertEquals(file + ": tensor 'a' has shape [-1], which is not a list of non-negative whole numbers",
                failsToRead(file).getMessage());
    }

    @Test
    void aDimensionBeyondAnIntIsTooLargeNotNegative() throws IOException {
        Path file = new RawWriter().tensor("a", "F32", "[2147483648, 2]", f32()).writeTo(dir.resolve("huge.safetensors"));
        assertEquals(file + ": tensor 'a' has shape [2147483648,2], more elements than a Java array holds",
                failsToRead(file).getMessage());
    }

    @Test
    void rejectsDuplicateTensorNames() throws IOException {
        RawWriter w = new RawWriter().bytes(f32(1, 2));
        w.entry("a", "F32", "[1]", 0, 4).entry("a", "F32", "[1]", 4, 8);
        Path file = w.writeTo(dir.resolve("dup.safetensors"));
        assertTrue(failsToRead(file).getMessage().contains("Duplicate field 'a'"));
    }

    @Test
    void rejectsNonStringMetadata() throws IOException {
        Path file = new RawWriter().raw("\"__metadata__\":{\"epoch\":3}").writeTo(dir.resolve("meta.safetensors"));
        assertEquals(file + ": __metadata__ entry 'epoch' is not a string: 3", failsToRead(file).getMessage());
    }

    @Test
    void loadRejectsShapeMismatchNamingTensorAndBothShapesWithoutTouchingTheModel() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(Safetensors.values(model(1).namedParameters()));
        tensors.put("1.weight", Tensor.zeros(3, 2));
        Path file = dir.resolve("shape.safetensors");
        Safetensors.write(file, tensors, Map.of());

        Sequential target = model(5);
        float[] before = target.layers().get(0).parameters().get(0).value().data().clone();
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Safetensors.loadInto(file, target.namedParameters()));
        assertEquals(file + ": tensor '1.weight' has shape [3, 2] but the model expects [2, 3]", e.getMessage());
        assertArrayEquals(before, target.layers().get(0).parameters().get(0).value().data(), 0f,
                "0.weight matched but must not be loaded when another tensor fails");
    }

    @Test
    void loadRejectsMissingAndExtraTensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(Safetensors.values(model(1).namedParameters()));
        tensors.remove("1.bias");
        tensors.put("2.weight", Tensor.zeros(1));
        Path file = dir.resolve("names.safetensors");
        Safetensors.write(file, tensors, Map.of());
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Safetensors.loadInto(file, model(1).namedParameters()));
        assertEquals(file + ": does not match the model: missing tensor '1.bias'; unexpected tensor '2.weight'"
                + " (the model has '0.weight', '0.bias', '1.weight', '1.bias')", e.getMessage());
    }

    @Test
    void namesWithDataParallelsModulePrefixAreRejectedSayingSo() throws IOException {
        // torch.nn.DataParallel(model).state_dict() names every tensor "module.<name>".
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Safetensors.values(model(1).namedParameters()).forEach((n, t) -> tensors.put("module." + n, t));
        Path file = dir.resolve("dp.safetensors");
        Safetensors.write(file, tensors, Map.of());
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Safetensors.loadInto(file, model(1).namedParameters()));
        assertEquals(file + ": does not match the model: missing tensors '0.weight', '0.bias', '1.weight', '1.bias';"
                + " unexpected tensors 'module.0.weight', 'module.0.bias', 'module.1.weight', 'module.1.bias'"
                + " (the model has '0.weight', '0.bias', '1.weight', '1.bias'), the file's names carrying the 'module.'"
                + " prefix of a model wrapped in torch.nn.DataParallel: save model.module.state_dict() instead", e.getMessage());
    }

    @Test
    void truncatedCopyOfAGoodFileIsRejectedAndLeavesTheModelUntouched() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Safetensors.values(model(1).namedParameters()), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 5));
        Sequential target = model(9);
        float[] before = target.layers().get(1).parameters().get(0).value().data().clone();
        assertThrows(InvalidFileException.class, () -> Safetensors.loadInto(cut, target.namedParameters()));
        assertArrayEquals(before, target.layers().get(1).parameters().get(0).value().data(), 0f);
    }

    @Test
    void rejectsReservedTensorName() {
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x.safetensors"),
                Map.of("__metadata__", Tensor.zeros(1)), Map.of()));
    }

    @Test
    void halfPrecisionConversionIsExactForEveryFiniteValue() {
        // Every binary16 value is a binary32 value: check against the defining formula for all 63488 finite halves.
        for (int h = 0; h < 0x10000; h++) {
            int exponent = (h >>> 10) & 0x1f;
            if (exponent == 0x1f) {
                continue;
            }
            int mantissa = h & 0x3ff;
            double magnitude = exponent == 0 ? mantissa * Math.pow(2, -24) : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            double expected = (h & 0x8000) != 0 ? -magnitude : magnitude;
            assertEquals((float) expected, DType.halfToFloat(h), 0f, "half 0x" + Integer.toHexString(h));
        }
        assertTrue(Float.isNaN(DType.halfToFloat(0x7E00)));
        assertEquals(Float.NEGATIVE_INFINITY, DType.halfToFloat(0xFC00));
    }

    @Test
    void aFolderIsNamedAsAFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("weights"));
        assertEquals(folder + ": is a folder; expected a safetensors file",
                assertThrows(InvalidFileException.class, () -> Safetensors.read(folder)).getMessage());
    }
}
