package dev.hebb.io.data;

import dev.hebb.io.InvalidFileException;
import dev.hebb.io.internal.Float64;
import dev.hebb.tensor.Tensor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1 to 3) of float32, float64, uint8, int32 or int64 in C
 * order, converting them to float32: targets as they are ({@link #read}), features as IDX images are
 * read ({@link #readFeatures}: uint8 scaled to [0, 1], samples flattened). The header is a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (150, 4), }}.
 */
public final class NpyData {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final String SUPPORTED = "float32 (<f4), float64 (<f8), uint8 (|u1), int32 (<i4) and int64 (<i8)";

    private NpyData() {
    }

    /**
     * Reads the whole array as float32, values unchanged (uint8 stays 0 to 255): for targets.
     *
     * @throws InvalidFileException for a file that is not .npy, an unsupported dtype, Fortran order, no
     *                              sample dimension, or data shorter or longer than the shape
     */
    public static Tensor read(Path file) throws IOException {
        Array a = readArray(file);
        return Tensor.of(a.values, a.shape);
    }

    /**
     * Reads features as {@link IdxData} reads images, so the same images give the same features from
     * either format: uint8 values are scaled to [0, 1] ({@code byte / 255}) and each sample is flattened,
     * giving {@code [n, features]} ({@code [n, 28, 28]} becomes {@code [n, 784]}). Other dtypes keep their
     * values.
     *
     * @throws InvalidFileException as {@link #read}
     */
    public static Tensor readFeatures(Path file) throws IOException {
        return features(file, true);
    }

    /**
     * Reads features as stored, each sample flattened: uint8 values are the bytes 0 to 255, unscaled. What a
     * saved model predicts from ({@code SavedModel.predict} scales the pixels of a model trained on them itself).
     *
     * @throws InvalidFileException as {@link #read}
     */
    public static Tensor readStoredFeatures(Path file) throws IOException {
        return features(file, false);
    }

    private static Tensor features(Path file, boolean scalePixels) throws IOException {
        Array a = readArray(file);
        if (scalePixels && a.kind.equals("u1")) {
            Features.scaleUnsignedBytes(a.values);
        }
        return Features.flattened(a.values, a.shape);
    }

    /** The values of an array, its shape and its dtype's kind without the byte order ({@code "u1"}, {@code "f4"}...). */
    private record Array(String kind, int[] shape, float[] values) {
    }

    /**
     * Whether the file holds uint8 values, which {@link #readFeatures} reads as image pixels (divided by 255).
     * Reads the header only.
     *
     * @throws InvalidFileException as {@link #read}, for the header
     */
    public static boolean holdsBytes(Path file) throws IOException {
        try (InputStream raw = Inputs.open(file); DataInputStream in = new DataInputStream(raw)) {
            return header(file, in).descr().endsWith("u1");
        }
    }

    /** A .npy header: the dtype as written ({@code "<f4"}, {@code "|u1"}...) and the shape. */
    private record Header(String descr, int[] shape) {
    }

    private static Array readArray(Path file) throws IOException {
        try (InputStream raw = Inputs.open(file); DataInputStream in = new DataInputStream(raw)) {
            Header h = header(file, in);
            return data(file, in, h.descr(), h.shape());
        }
    }

    /** Reads the magic, version and header dictionary, leaving {@code in} at the first data byte. */
    private static Header header(Path file, DataInputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new InvalidFileException(file, magic.length == 0 ? "is empty" : "is not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = magic[6];
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (major < 1 || major > 3 || lengthBytes.length < (major == 1 ? 2 : 4)) {
            throw new InvalidFileException(file, "has .npy format version " + major + "." + magic[7]
                    + " or a truncated header; versions 1 to 3 are supported");
        }
        ByteBuffer lb = ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = lb.getInt(0);
        if (headerLength < 0) {                        // a version 2 or 3 length of 2 GiB or more
            throw new InvalidFileException(file, "declares a .npy header of " + Integer.toUnsignedLong(headerLength)
                    + " bytes, more than a header can be");
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw new InvalidFileException(file, "ends inside its header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(file, DESCR, header, "descr");
        if (group(file, FORTRAN, header, "fortran_order").equals("True")) {
            throw new InvalidFileException(file, "is stored in Fortran (column-major) order; only C order is supported"
                    + " (save numpy.ascontiguousarray(a) instead)");
        }
        return new Header(descr, shape(file, group(file, SHAPE, header, "shape")));
    }

    /**
     * One loop per dtype, so the hot loop has no per-element branch on the type.
     *
     * @return the index (within these {@code n}) of the first finite float64 value beyond the float range, which
     *         narrowing turned into an infinity, or -1 when there is none
     */
    private static int decode(ByteBuffer b, String kind, float[] out, int from, int n) {
        switch (kind) {
            case "f4" -> b.asFloatBuffer().get(out, from, n);
            case "f8" -> {
                return Float64.narrow(b, out, from, n);
            }
            case "i8" -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = (float) b.getLong(8 * i);
                }
            }
            case "i4" -> { // numpy's default integer on Windows
                for (int i = 0; i < n; i++) {
                    out[from + i] = (float) b.getInt(4 * i);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = b.get(i) & 0xff;
                }
            }
        }
        return -1;
    }

    private static String group(Path file, Pattern p, String header, String key) throws InvalidFileException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidFileException(file, "has a .npy header without a valid '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static int[] shape(Path file, String tuple) throws InvalidFileException {
        String[] parts = Arrays.stream(tuple.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (parts.length == 0) {
            throw new InvalidFileException(file, "holds a scalar; an array with a sample dimension is needed");
        }
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].replace("L", ""));
            } catch (NumberFormatException e) {
                shape[i] = -1;                         // too large for an int, or not a number
            }
            if (shape[i] < 0) {
                throw new InvalidFileException(file, "has a .npy shape (" + tuple + ") that is not a tuple of sizes"
                        + " a Java array can hold");
            }
        }
        if (shape[0] == 0) {
            throw new InvalidFileException(file, "holds no samples (shape " + Arrays.toString(shape) + ")");
        }
        try {
            Tensor.sizeOf(shape);
        } catch (IllegalArgumentException tooLarge) {
            throw new InvalidFileException(file, "has shape " + Arrays.toString(shape) + ", more values than a Java array holds");
        }
        return shape;
    }

    private static Array data(Path file, DataInputStream in, String descr, int[] shape) throws IOException {
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        // The first character is numpy's byte order: little, big, native (little on every JVM platform Hebb
        // runs on: x86-64, aarch64) or "not applicable" (single bytes); anything else is not a numpy dtype.
        String kind = descr.isEmpty() || "<>=|".indexOf(descr.charAt(0)) < 0 ? "" : descr.substring(1);
        int itemSize = switch (kind) {
            case "f4", "i4" -> 4;
            case "f8", "i8" -> 8;
            case "u1" -> 1;
            default -> throw new InvalidFileException(file, "has dtype '" + descr + "', which is not supported; supported: "
                    + SUPPORTED);
        };
        int count = Tensor.sizeOf(shape);
        float[] out = new float[count];
        int chunk = 1 << 16;
        for (int from = 0; from < count; from += chunk) {
            int n = Math.min(chunk, count - from);
            byte[] bytes = in.readNBytes(n * itemSize);
            if (bytes.length < n * itemSize) {
                throw new InvalidFileException(file, "is truncated: shape " + Arrays.toString(shape) + " needs "
                        + (long) count * itemSize + " bytes of data but the file ends after "
                        + ((long) from * itemSize + bytes.length));
            }
            ByteBuffer data = ByteBuffer.wrap(bytes).order(order);
            int overflow = decode(data, kind, out, from, n);
            if (overflow >= 0) {
                // Narrowed, it would be an infinity, and the finiteness check would name a value the file does not hold.
                int at = from + overflow;
                int row = count / shape[0];
                throw new InvalidFileException(file, "sample " + at / row + " (counting from 0), value " + at % row + ": "
                        + data.getDouble(8 * overflow) + " is beyond the float range");
            }
        }
        if (in.read() >= 0) {
            throw new InvalidFileException(file, "has bytes after the " + (long) count * itemSize + " that shape "
                    + Arrays.toString(shape) + " needs");
        }
        return new Array(kind, shape, out);
    }
}
