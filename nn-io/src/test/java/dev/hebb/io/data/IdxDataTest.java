package dev.hebb.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hebb.io.InvalidFileException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDataTest {

    /**
     * Fashion-MNIST where a machine may have it (it is never committed): {@code $NN_FASHION_MNIST} (which
     * {@code .ci/run} sets), the shared data beside the clone, or Debian's {@code dataset-fashion-mnist}; null
     * when none has it, and the test that reads it is skipped, so {@code mvn -B verify} needs nothing outside
     * the repository.
     */
    static Path fashionMnist() {
        for (String dir : new String[] {System.getenv("NN_FASHION_MNIST"), "../../shared/data/fashion-mnist",
            "/usr/share/datasets/fashion-mnist"}) {
            if (dir != null && !dir.isEmpty() && Files.isRegularFile(Path.of(dir, "t10k-images-idx3-ubyte.gz"))) {
                return Path.of(dir);
            }
        }
        return null;
    }

    @TempDir
    Path dir;

    /** Writes an IDX file by the format's definition (big-endian header, unsigned bytes). */
    private Path idx(String name, int type, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        Path file = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            o.write(bytes.toByteArray());
        }
        return file;
    }

    @Test
    void imagesAreFlattenedAndScaledLabelsAreIds() throws IOException {
        byte[] pixels = {0, (byte) 255, (byte) 128, 1, 2, 3, 4, 5};
        Path images = idx("img.idx3-ubyte.gz", 0x08, new int[] {2, 2, 2}, pixels, true);
        Path labels = idx("lbl.idx1-ubyte", 0x08, new int[] {2}, new byte[] {7, (byte) 200}, false);
        LabelledData d = IdxData.read(images, labels);
        assertArrayEquals(new int[] {2, 4}, d.dataset().features().shape());
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 5 / 255f},
                d.dataset().features().data(), 0f, "byte / 255 in float, as torchvision's ToTensor");
        assertArrayEquals(new float[] {7, 200}, d.dataset().targets().data(), 0f, "labels are unsigned");
    }

    @Test
    void readsRealFashionMnistTestSet() throws IOException {
        Path fashion = fashionMnist();
        assumeTrue(fashion != null, "Fashion-MNIST not found ($NN_FASHION_MNIST, ../shared, /usr/share/datasets)");
        LabelledData d = DataFiles.read(fashion.resolve("t10k-images-idx3-ubyte.gz"), fashion.resolve("t10k-labels-idx1-ubyte.gz"),
                java.util.List.of(), true, null);
        assertArrayEquals(new int[] {10000, 784}, d.dataset().features().shape());
        // The first test image is an ankle boot (class 9), as in every Fashion-MNIST loader.
        assertEquals(9f, d.dataset().targets().data()[0]);
        float max = 0;
        for (float v : d.dataset().features().data()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        Path file = idx("cut", 0x08, new int[] {2, 2, 2}, new byte[5], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readImages(file));
        assertEquals(file + ": is truncated: its header declares shape [2, 2, 2] (8 bytes of data) but only 5 bytes follow",
                e.getMessage());
    }

    @Test
    void rejectsHeaderWhoseSizeOverflowsNamingTheShape() throws IOException {
        // The product of these sizes overflows a long to a negative number.
        Path file = idx("huge", 0x08, new int[] {10000, 151126273, 151126273, 151126273}, new byte[16], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readImages(file));
        assertEquals(file + ": has a corrupt header, or is too large: it declares shape [10000, 151126273, 151126273, 151126273],"
                + " more values than a Java array holds", e.getMessage());
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        byte[] labels = new byte[10_000];
        new java.util.SplittableRandom(3).nextBytes(labels);   // random: the gzip stays ~10 KB, so 2,000 bytes cut it
        Path whole = idx("labels.idx1-ubyte.gz", 0x08, new int[] {labels.length}, labels, true);
        Path cut = Files.write(dir.resolve("cut-labels.gz"), java.util.Arrays.copyOf(Files.readAllBytes(whole), 2000));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(cut));
        assertEquals(cut + ": is a truncated or corrupt gzip file (Unexpected end of ZLIB input stream)", e.getMessage());
        Path header = Files.write(dir.resolve("cut-header.gz"), java.util.Arrays.copyOf(Files.readAllBytes(whole), 5));
        e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(header));
        assertEquals(header + ": is a truncated or corrupt gzip file (it ends inside the gzip header)", e.getMessage());
        byte[] bytes = Files.readAllBytes(whole);
        Path noTrailer = Files.write(dir.resolve("no-trailer.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 6));
        e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(noTrailer));
        assertEquals(noTrailer + ": is a truncated or corrupt gzip file (it ends before its compressed data does, or inside"
                + " the trailer after it)", e.getMessage());
    }

    @Test
    void rejectsExtraBytes() throws IOException {
        Path file = idx("long", 0x08, new int[] {2}, new byte[3], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(file));
        assertEquals(file + ": has bytes after the 2 its header [2] declares", e.getMessage());
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = Files.write(dir.resolve("csv-by-mistake"), "a,b\n1,2\n".getBytes());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(file));
        assertEquals(file + ": starts with 0x612c620a, which is not an IDX magic number (0x000008DD for unsigned bytes in DD dimensions)",
                e.getMessage());
    }

    @Test
    void rejectsUnsupportedType() throws IOException {
        Path file = idx("floats", 0x0D, new int[] {1}, new byte[4], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(file));
        assertEquals(file + ": holds IDX type 0x0d; only unsigned bytes (0x08) are supported", e.getMessage());
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readImages(file));
        assertEquals(file + ": is empty or shorter than the 4-byte IDX magic number", e.getMessage());
    }

    @Test
    void rejectsDifferentCounts() throws IOException {
        Path images = idx("img", 0x08, new int[] {2, 1, 1}, new byte[2], false);
        Path labels = idx("lbl", 0x08, new int[] {3}, new byte[3], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.read(images, labels));
        assertEquals(labels + ": holds 3 labels but " + images + " holds 2 images", e.getMessage());
    }

    @Test
    void rejectsLabelsWithTwoDimensions() throws IOException {
        Path file = idx("lbl2", 0x08, new int[] {2, 2}, new byte[4], false);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> IdxData.readLabels(file));
        assertEquals(file + ": holds an array of shape [2, 2], but labels need exactly one dimension", e.getMessage());
    }
}
