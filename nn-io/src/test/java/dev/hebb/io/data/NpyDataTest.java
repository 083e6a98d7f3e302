package dev.hebb.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.InvalidFileException;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyDataTest {

    @TempDir
    Path dir;

    /** Writes a version 1.0 .npy file as numpy.save does: magic, header dict padded to 64 bytes with spaces and '\n'. */
    private Path npy(String name, String descr, boolean fortran, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private static byte[] le(int bytesPerItem, long... bits) {
        ByteBuffer b = ByteBuffer.allocate(bytesPerItem * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : bits) {
            switch (bytesPerItem) {
                case 1 -> b.put((byte) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    @Test
    void readsFloat32InCOrder() throws IOException {
        Path file = npy("f4.npy", "<f4", false, "(2, 3)", le(4, Float.floatToIntBits(1), Float.floatToIntBits(2),
                Float.floatToIntBits(3), Float.floatToIntBits(4), Float.floatToIntBits(5), Float.floatToIntBits(-6.5f)));
        Tensor t = NpyData.read(file);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, t.data(), 0f);
    }

    @Test
    void readsFloat64Uint8Int32AndInt64() throws IOException {
        assertArrayEquals(new float[] {0.1f, -2f}, NpyData.read(npy("f8.npy", "<f8", false, "(2,)",
                le(8, Double.doubleToLongBits(0.1), Double.doubleToLongBits(-2)))).data(), 0f);
        assertArrayEquals(new float[] {0, 255, 7}, NpyData.read(npy("u1.npy", "|u1", false, "(3,)", le(1, 0, 255, 7))).data(), 0f);
        assertArrayEquals(new float[] {3, -1}, NpyData.read(npy("i8.npy", "<i8", false, "(2,)", le(8, 3, -1))).data(), 0f);
        assertArrayEquals(new float[] {9, -4}, NpyData.read(npy("i4.npy", "<i4", false, "(2,)", le(4, 9, -4))).data(), 0f);
    }

    @Test
    void float64BeyondTheFloatRangeIsRefusedNamingTheValueTheFileHolds() throws IOException {
        // Narrowed, 1e300 would be Infinity, and the finiteness check would report a value the file does not hold.
        Path file = npy("big.npy", "<f8", false, "(2, 2)", le(8, Double.doubleToLongBits(Float.MAX_VALUE),
                Double.doubleToLongBits(0), Double.doubleToLongBits(-1), Double.doubleToLongBits(-1e300)));
        assertEquals(file + ": sample 1 (counting from 0), value 1: -1.0E300 is beyond the float range",
                assertThrows(InvalidFileException.class, () -> NpyData.read(file)).getMessage());
        Path edge = npy("edge.npy", "<f8", false, "(1,)", le(8, Double.doubleToLongBits(-Float.MAX_VALUE)));
        assertArrayEquals(new float[] {-Float.MAX_VALUE}, NpyData.read(edge).data(), 0f);
    }

    @Test
    void uint8FeaturesAreScaledAndFlattenedBitwiseAsIdxImagesAre() throws IOException {
        // Every byte value, as two 2x64 "images": the same bytes from IDX and from .npy must give the same floats.
        byte[] pixels = new byte[256];
        for (int i = 0; i < 256; i++) {
            pixels[i] = (byte) i;
        }
        Path idx = dir.resolve("img.idx3-ubyte");
        ByteBuffer header = ByteBuffer.allocate(16).putInt(0x0803).putInt(2).putInt(2).putInt(64);
        Files.write(idx, header.array());
        Files.write(idx, pixels, java.nio.file.StandardOpenOption.APPEND);
        Tensor fromIdx = IdxData.readImages(idx);
        Tensor fromNpy = NpyData.readFeatures(npy("img.npy", "|u1", false, "(2, 2, 64)", pixels));
        assertArrayEquals(new int[] {2, 128}, fromNpy.shape());
        assertArrayEquals(fromIdx.shape(), fromNpy.shape());
        int[] idxBits = new int[256];
        int[] npyBits = new int[256];
        for (int i = 0; i < 256; i++) {
            idxBits[i] = Float.floatToRawIntBits(fromIdx.data()[i]);
            npyBits[i] = Float.floatToRawIntBits(fromNpy.data()[i]);
        }
        assertArrayEquals(idxBits, npyBits);
        assertEquals(1f, fromNpy.data()[255]);
        assertEquals(128 / 255f, fromNpy.data()[128]);
    }

    @Test
    void datasetFeaturesFromUint8AreScaledButUint8TargetsAreNot() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(2, 1, 2)", le(1, 0, 51, 255, 102));
        Path y = npy("y.npy", "|u1", false, "(2,)", le(1, 3, 200));
        LabelledData d = DataFiles.read(x, y, List.of(), true, null);
        assertArrayEquals(new int[] {2, 2}, d.dataset().features().shape());
        assertArrayEquals(new float[] {0f, 51 / 255f, 1f, 102 / 255f}, d.dataset().features().data(), 0f);
        assertArrayEquals(new float[] {3, 200}, d.dataset().targets().data(), 0f);
    }

    @Test
    void floatFeaturesKeepTheirValuesAndAreFlattened() throws IOException {
        Path file = npy("f4.npy", "<f4", false, "(1, 2, 2)", le(4, Float.floatToIntBits(255), Float.floatToIntBits(-1),
                Float.floatToIntBits(0.5f), Float.floatToIntBits(3)));
        Tensor t = NpyData.readFeatures(file);
        assertArrayEquals(new int[] {1, 4}, t.shape());
        assertArrayEquals(new float[] {255, -1, 0.5f, 3}, t.data(), 0f);
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        Path file = npy("f.npy", "<f4", true, "(1, 1)", new byte[4]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> NpyData.read(file));
        assertEquals(file + ": is stored in Fortran (column-major) order; only C order is supported"
                + " (save numpy.ascontiguousarray(a) instead)", e.getMessage());
    }

    @Test
    void rejectsUnsupportedDtypeNamingIt() throws IOException {
        Path file = npy("i2.npy", "<i2", false, "(2,)", new byte[4]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> NpyData.read(file));
        assertEquals(file + ": has dtype '<i2', which is not supported; supported: float32 (<f4), float64 (<f8), uint8 (|u1),"
                + " int32 (<i4) and int64 (<i8)", e.getMessage());
    }

    /** A dtype's first character is its byte order; one numpy would not write (here 'x') is not read as little-endian. */
    @Test
    void rejectsADtypeWithoutAByteOrderNumpyKnows() throws IOException {
        Path file = npy("xf4.npy", "xf4", false, "(1,)", new byte[4]);
        assertEquals(file + ": has dtype 'xf4', which is not supported; supported: float32 (<f4), float64 (<f8), uint8 (|u1),"
                + " int32 (<i4) and int64 (<i8)", assertThrows(InvalidFileException.class, () -> NpyData.read(file)).getMessage());
        assertEquals(1, NpyData.read(npy("native.npy", "=f4", false, "(1,)", new byte[4])).dim(0), "'=' (native) is read");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        Path file = npy("cut.npy", "<f4", false, "(3,)", new byte[10]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> NpyData.read(file));
        assertEquals(file + ": is truncated: shape [3] needs 12 bytes of data but the file ends after 10", e.getMessage());
    }

    @Test
    void rejectsNonNpyAndEmptyFiles() throws IOException {
        Path text = Files.writeString(dir.resolve("x.npy"), "a,b\n1,2\n");
        assertEquals(text + ": is not a NumPy .npy file (no \\x93NUMPY magic)",
                assertThrows(InvalidFileException.class, () -> NpyData.read(text)).getMessage());
        Path empty = Files.write(dir.resolve("e.npy"), new byte[0]);
        assertEquals(empty + ": is empty", assertThrows(InvalidFileException.class, () -> NpyData.read(empty)).getMessage());
    }

    @Test
    void rejectsNegativeOverflowingAndHugeShapesNamingThem() throws IOException {
        for (String shape : new String[] {"(-1, 4)", "(3, 99999999999)"}) {
            Path file = npy("bad.npy", "<f4", false, shape, new byte[0]);
            assertEquals(file + ": has a .npy shape " + shape + " that is not a tuple of sizes a Java array can hold",
                    assertThrows(InvalidFileException.class, () -> NpyData.read(file)).getMessage());
        }
        // 2^64 values: a product in a long wraps to 0 unless it saturates.
        Path huge = npy("huge.npy", "<f4", false, "(65536, 65536, 65536, 65536)", new byte[0]);
        assertEquals(huge + ": has shape [65536, 65536, 65536, 65536], more values than a Java array holds",
                assertThrows(InvalidFileException.class, () -> NpyData.read(huge)).getMessage());
    }

    @Test
    void aVersion2HeaderLengthOf2GiBOrMoreIsNamedNotCrashedOn() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0).putInt(-16);
        Path file = Files.write(dir.resolve("long-header.npy"), b.array());
        assertEquals(file + ": declares a .npy header of 4294967280 bytes, more than a header can be",
                assertThrows(InvalidFileException.class, () -> NpyData.read(file)).getMessage());
    }

    @Test
    void holdsBytesReadsTheDtypeFromTheHeader() throws IOException {
        assertTrue(NpyData.holdsBytes(npy("u8.npy", "|u1", false, "(1, 2)", le(1, 3, 4))));
        assertFalse(NpyData.holdsBytes(npy("f4.npy", "<f4", false, "(1, 2)", le(4, 0, 0))));
    }

    @Test
    void rejectsZeroSamples() throws IOException {
        Path file = npy("none.npy", "<f4", false, "(0, 4)", new byte[0]);
        assertEquals(file + ": holds no samples (shape [0, 4])",
                assertThrows(InvalidFileException.class, () -> NpyData.read(file)).getMessage());
    }

    @Test
    void pairOfArraysBecomesDatasetWithColumnTargetsForRegression() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(2, 2)", le(1, 1, 2, 3, 4));
        Path y = npy("y.npy", "<f8", false, "(2,)", le(8, Double.doubleToLongBits(0.5), Double.doubleToLongBits(1.5)));
        LabelledData d = DataFiles.read(x, y, List.of(), false, null);
        assertArrayEquals(new int[] {2, 1}, d.dataset().targets().shape());
        assertArrayEquals(new float[] {0.5f, 1.5f}, d.dataset().targets().data(), 0f);
    }

    @Test
    void rejectsNegativeClassId() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(2, 1)", le(1, 1, 2));
        Path y = npy("y.npy", "<i8", false, "(2,)", le(8, 0, -3));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DataFiles.read(x, y, List.of(), true, null));
        assertEquals(y + ": sample 1 (counting from 0): class id -3.0 is negative", e.getMessage());
    }

    @Test
    void rejectsFractionalClassId() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(1, 1)", le(1, 1));
        Path y = npy("y.npy", "<f4", false, "(1, 1)", le(4, Float.floatToIntBits(2.5f)));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DataFiles.read(x, y, List.of(), true, null));
        assertEquals(y + ": sample 0 (counting from 0): class id 2.5 is not a whole number", e.getMessage());
    }

    @Test
    void rejectsTooLargeClassId() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(2, 1)", le(1, 1, 2));
        Path y = npy("y.npy", "<i8", false, "(2,)", le(8, 0, 1_000_000_000));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DataFiles.read(x, y, List.of(), true, null));
        assertEquals(y + ": sample 1 (counting from 0): class id 1.0E9 is too large; class ids go up to 16777216 (2^24),"
                + " above which float32 cannot hold every whole number", e.getMessage());
    }

    @Test
    void rejectsNaNAndInfinityInFeatures() throws IOException {
        Path x = npy("x.npy", "<f4", false, "(2, 2)", le(4, 0, 0, 0, Float.floatToIntBits(Float.POSITIVE_INFINITY)));
        Path y = npy("y.npy", "|u1", false, "(2,)", le(1, 0, 1));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DataFiles.read(x, y, List.of(), true, null));
        assertEquals(x + ": sample 1 (counting from 0), feature 1: Infinity is not allowed; features must be finite", e.getMessage());
    }

    @Test
    void rejectsDifferentSampleCounts() throws IOException {
        Path x = npy("x.npy", "|u1", false, "(3, 1)", le(1, 1, 2, 3));
        Path y = npy("y.npy", "|u1", false, "(2,)", le(1, 0, 1));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DataFiles.read(x, y, List.of(), true, null));
        assertEquals(y + ": holds 2 target rows but " + x + " holds 3 samples", e.getMessage());
    }
}
