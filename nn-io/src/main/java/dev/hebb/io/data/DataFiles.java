package dev.hebb.io.data;

import dev.hebb.io.InvalidFileException;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a dataset from files in any supported format, chosen by the features file's name:
 * <ul>
 *   <li>{@code .csv} / {@code .csv.gz}: one file holding features and the named target columns
 *       ({@link CsvData});</li>
 *   <li>{@code .npy}: a features array {@code [n, ...]} and a targets array ({@link NpyData});</li>
 *   <li>anything else: an IDX image file and an IDX label file, plain or gzipped ({@link IdxData}).</li>
 * </ul>
 * Whatever the format, the result is checked before training can start: features finite, class ids
 * whole and non-negative, one target row per sample.
 */
public final class DataFiles {

    /** The largest class id: float32 holds every whole number up to 2^24 exactly, and no id beyond it. */
    static final int MAX_CLASS_ID = 1 << 24;

    /** Completes "class id X" when X is above {@link #MAX_CLASS_ID}. */
    static final String TOO_LARGE = " is too large; class ids go up to " + MAX_CLASS_ID + " (2^24), above which float32"
            + " cannot hold every whole number";

    private DataFiles() {
    }

    /**
     * Whether features read from {@code file} are unsigned bytes, which are read as pixels (divided by 255): IDX
     * images and uint8 {@code .npy}. The formats are told apart as {@link #read} tells them.
     */
    public static boolean holdsPixels(Path file) throws IOException {
        if (isCsv(file)) {
            return false;
        }
        return !isNpy(file) || NpyData.holdsBytes(file);
    }

    /** Whether {@code file} is read as CSV. */
    public static boolean isCsv(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz");
    }

    /** Whether {@code file}, when not CSV, is read as {@code .npy} (else as IDX). */
    private static boolean isNpy(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /**
     * The features of a file that is not CSV, checked finite: {@code .npy} by its name, IDX images otherwise
     * (as {@link #read} tells them apart), each sample flattened.
     *
     * @throws InvalidFileException naming the file and the first bad value or malformed part
     */
    public static Tensor readFeatures(Path file) throws IOException {
        Tensor features = isNpy(file) ? NpyData.readFeatures(file) : IdxData.readImages(file);
        checkFinite(file, features, "feature");
        return features;
    }

    /**
     * The features of a file that is not CSV as stored, as {@link #readFeatures} reads them but with unsigned
     * bytes left as the values 0 to 255: the form {@code SavedModel.predict} takes, which applies the model's
     * whole feature encoding (the scaling by 1/255 included) as training did.
     *
     * @throws InvalidFileException naming the file and the first bad value or malformed part
     */
    public static Tensor readStoredFeatures(Path file) throws IOException {
        Tensor features = isNpy(file) ? NpyData.readStoredFeatures(file) : IdxData.readImageBytes(file);
        checkFinite(file, features, "feature");
        return features;
    }

    /**
     * Reads a dataset.
     *
     * @param features      the CSV file, the .npy features or the IDX images
     * @param targets       the .npy targets or IDX labels; {@code null} for CSV (targets are columns)
     * @param targetColumns for CSV, the target columns
     * @param classLabels   whether targets are class ids (the loss {@linkplain dev.hebb.loss.Loss#takesClassLabels() takes class labels})
     * @param classNames    for CSV class labels, the names of an existing model's classes, or {@code null} to infer
     * @throws InvalidFileException naming the file and the place of the first bad value
     */
    public static LabelledData read(Path features, Path targets, List<String> targetColumns, boolean classLabels,
                                    List<String> classNames) throws IOException {
        for (Path f : new Path[] {features, targets}) {
            if (f != null && Files.isDirectory(f)) {
                throw new InvalidFileException(f, "is a folder; expected a data file (CSV, .npy or IDX)");
            }
        }
        if (isCsv(features)) {
            if (targets != null) {
                throw new IllegalArgumentException("a CSV file holds its own targets (as columns); no separate targets file "
                        + targets + " can go with " + features);
            }
            return CsvData.read(features, targetColumns, classLabels, classNames);
        }
        if (targets == null) {
            throw new IllegalArgumentException(features + " is not CSV, so it needs a separate targets file (.npy or IDX labels)");
        }
        LabelledData data;
        if (isNpy(features)) {
            Tensor x = NpyData.readFeatures(features);
            Tensor y = NpyData.read(targets);
            y = shapeTargets(targets, y, classLabels);
            if (x.dim(0) != y.dim(0)) {
                throw new InvalidFileException(targets, "holds " + y.dim(0) + " target rows but " + features + " holds "
                        + x.dim(0) + " samples");
            }
            data = new LabelledData(new Dataset(x, y), List.of(), List.of("target"), List.of());
        } else {
            data = IdxData.read(features, targets);
        }
        checkFinite(features, data.dataset().features(), "feature");
        if (classLabels) {
            checkClassIds(targets, data.dataset().targets());
        } else {
            checkFinite(targets, data.dataset().targets(), "target");
        }
        return data;
    }

    private static Tensor shapeTargets(Path file, Tensor y, boolean classLabels) throws InvalidFileException {
        if (classLabels) {
            if (y.rank() == 2 && y.dim(1) == 1 || y.rank() == 1) {
                return y.reshape(y.dim(0));
            }
            throw new InvalidFileException(file, "holds class labels of shape " + Arrays.toString(y.shape())
                    + "; expected one class id per sample, shape [n] or [n, 1]");
        }
        // A regression target of one value per sample is a column, as the model's output is [n, 1].
        return y.rank() == 1 ? y.reshape(y.dim(0), 1) : y;
    }

    /**
     * Fails naming the first sample whose value is NaN or infinite.
     *
     * @param what "feature" or "target"
     */
    public static void checkFinite(Path file, Tensor t, String what) throws InvalidFileException {
        int i = Ops.firstNonFinite(t);
        if (i >= 0) {
            int row = t.rowSize();
            throw new InvalidFileException(file, "sample " + i / row + " (counting from 0), " + what + " " + i % row
                    + ": " + t.data()[i] + " is not allowed; " + what + "s must be finite");
        }
    }

    /** Fails naming the first sample whose class id is negative, fractional or too large. */
    public static void checkClassIds(Path file, Tensor ids) throws InvalidFileException {
        float[] y = ids.data();
        for (int i = 0; i < y.length; i++) {
            float v = y[i];
            if (!(v >= 0)) {
                throw new InvalidFileException(file, "sample " + i + " (counting from 0): class id " + v
                        + (Float.isNaN(v) ? " is not a number" : " is negative"));
            }
            if (v != Math.rint(v) || Float.isInfinite(v)) {
                throw new InvalidFileException(file, "sample " + i + " (counting from 0): class id " + v + " is not a whole number");
            }
            if (v > MAX_CLASS_ID) {
                throw new InvalidFileException(file, "sample " + i + " (counting from 0): class id " + v + TOO_LARGE);
            }
        }
    }

    /**
     * Fails naming the first sample whose class id a model with {@code classes} outputs cannot predict (the ids
     * are already checked whole and non-negative): evaluated, it would only give the loss's own error, without
     * the file.
     */
    public static void checkClassIdsBelow(Path file, Tensor ids, int classes) throws InvalidFileException {
        float[] y = ids.data();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new InvalidFileException(file, "sample " + i + " (counting from 0): class id " + (long) y[i]
                        + " is out of range for the model's " + classes + " classes (0 to " + (classes - 1) + ")");
            }
        }
    }
}
