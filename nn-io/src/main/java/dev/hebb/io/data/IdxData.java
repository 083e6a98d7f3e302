package dev.hebb.io.data;

import dev.hebb.io.InvalidFileException;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads IDX files, the MNIST / Fashion-MNIST format, plain or gzipped: a big-endian magic number
 * {@code 0x0000TTDD} (type {@code TT}, {@code 0x08} = unsigned byte, the only type these data sets use;
 * {@code DD} dimensions), one big-endian 32-bit size per dimension, then the bytes in row-major order.
 * Images become features {@code [n, rows·cols]} scaled to [0, 1] ({@code byte / 255}, as torchvision's
 * {@code ToTensor}, by the same code as uint8 {@code .npy} features, see {@link NpyData#readFeatures});
 * labels become class ids {@code [n]}.
 */
public final class IdxData {

    private IdxData() {
    }

    /**
     * Reads an image file and its label file into a dataset.
     *
     * @throws InvalidFileException when a file is malformed or truncated, or the counts differ
     */
    public static LabelledData read(Path images, Path labels) throws IOException {
        Tensor x = readImages(images);
        Tensor y = readLabels(labels);
        if (x.dim(0) != y.dim(0)) {
            throw new InvalidFileException(labels, "holds " + y.dim(0) + " labels but " + images + " holds "
                    + x.dim(0) + " images");
        }
        return new LabelledData(new Dataset(x, y), List.of(), List.of("label"), List.of());
    }

    /** The images of an IDX file of two or more dimensions, flattened per sample and scaled to [0, 1]. */
    public static Tensor readImages(Path file) throws IOException {
        Tensor images = readImageBytes(file);
        Features.scaleUnsignedBytes(images.data());
        return images;
    }

    /**
     * The images of an IDX file of two or more dimensions, flattened per sample, as stored: the bytes 0 to 255.
     * What a saved model trained on pixels predicts from ({@code SavedModel.predict} scales them itself).
     */
    public static Tensor readImageBytes(Path file) throws IOException {
        Array a = readArray(file);
        if (a.shape.length < 2) {
            throw new InvalidFileException(file, "holds a " + a.shape.length + "-dimensional array, but images need "
                    + "at least 2 dimensions (samples, pixels...)");
        }
        return Features.flattened(a.unsigned(), a.shape);
    }

    /** The labels of a one-dimensional IDX file, as class ids. */
    public static Tensor readLabels(Path file) throws IOException {
        Array a = readArray(file);
        if (a.shape.length != 1) {
            throw new InvalidFileException(file, "holds an array of shape " + Arrays.toString(a.shape)
                    + ", but labels need exactly one dimension");
        }
        return Tensor.of(a.unsigned(), a.shape[0]);
    }

    private record Array(int[] shape, byte[] bytes) {
        /** The bytes as the unsigned values 0 to 255. */
        float[] unsigned() {
            float[] out = new float[bytes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes[i] & 0xff;
            }
            return out;
        }
    }

    private static Array readArray(Path file) throws IOException {
        try (InputStream raw = Inputs.open(file); DataInputStream in = new DataInputStream(raw)) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new InvalidFileException(file, "is empty or shorter than the 4-byte IDX magic number");
            }
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            if ((magic >>> 16) != 0 || dims == 0) {
                throw new InvalidFileException(file, String.format("starts with 0x%08x, which is not an IDX magic number"
                        + " (0x000008DD for unsigned bytes in DD dimensions)", magic));
            }
            if (type != 0x08) {
                throw new InvalidFileException(file, String.format("holds IDX type 0x%02x; only unsigned bytes (0x08) are supported",
                        type));
            }
            int[] shape = new int[dims];
            for (int d = 0; d < dims; d++) {
                try {
                    shape[d] = in.readInt();
                } catch (EOFException e) {
                    throw new InvalidFileException(file, "ends inside its header (dimension " + d + " of " + dims + ")");
                }
                if (shape[d] < 0) {
                    throw new InvalidFileException(file, "has a negative size " + shape[d] + " for dimension " + d);
                }
            }
            if (shape[0] == 0) {
                throw new InvalidFileException(file, "holds no samples");
            }
            int count;
            try {
                count = Tensor.sizeOf(shape);          // saturates, so a corrupt size cannot wrap to a small count
            } catch (IllegalArgumentException tooLarge) {
                throw new InvalidFileException(file, "has a corrupt header, or is too large: it declares shape "
                        + Arrays.toString(shape) + ", more values than a Java array holds");
            }
            byte[] bytes = new byte[count];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new InvalidFileException(file, "is truncated: its header declares shape " + Arrays.toString(shape)
                        + " (" + count + " bytes of data) but only " + read + " bytes follow");
            }
            if (in.read() >= 0) {
                throw new InvalidFileException(file, "has bytes after the " + count + " its header " + Arrays.toString(shape)
                        + " declares");
            }
            return new Array(shape, bytes);
        }
    }
}
