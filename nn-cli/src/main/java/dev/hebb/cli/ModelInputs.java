package dev.hebb.cli;

import dev.hebb.io.checkpoint.DataInfo;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.data.DataFiles;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the model directory given and puts the columns of new data in the order a saved model was trained on.
 */
final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * {@code features} with its columns reordered to the model's feature columns when both have names
     * (CSV); unchanged otherwise.
     *
     * @throws CliException naming the first feature column the data lacks, or any extra column
     */
    static Tensor arrange(Path file, Tensor features, List<String> columns, SavedModel saved) {
        List<String> expected = saved.data().featureNames();
        if (expected.isEmpty() || columns.isEmpty() || columns.equals(expected)) {
            return features;
        }
        List<String> extra = new ArrayList<>(columns);
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new CliException(file + " has columns the model was not trained on: " + String.join(", ", extra)
                    + "; its features are " + String.join(", ", expected));
        }
        int n = features.dim(0);
        int width = expected.size();
        float[] src = features.data();
        float[] dst = new float[n * width];
        for (int c = 0; c < width; c++) {
            int from = columns.indexOf(expected.get(c));
            if (from < 0) {
                throw new CliException(file + " lacks the feature column '" + expected.get(c) + "' the model was trained on");
            }
            for (int r = 0; r < n; r++) {
                dst[r * width + c] = src[r * columns.size() + from];
            }
        }
        return Tensor.of(dst, n, width);
    }

    /**
     * {@code features}, checked to have as many values per sample as the saved model takes: otherwise the first
     * layer, or the saved normalisation, would reject them without naming the file.
     *
     * @throws CliException naming the file, its width and the model's
     */
    static Tensor checkWidth(Path file, Tensor features, SavedModel saved) {
        int[] shape = saved.config().model().inputShape();
        int expected = Tensor.sizeOf(shape);
        if (features.rowSize() != expected) {
            throw new CliException(file + " has " + features.rowSize() + " features per sample, but the model takes "
                    + expected + (shape.length > 1 ? " (" + Arrays.toString(shape) + ")" : ""));
        }
        return features;
    }

    /**
     * The features of a {@code .npy} or IDX {@code file} as {@code saved.predict} takes them: as stored, since predict
     * applies the model's feature encoding (the pixels' 1/255 included) itself; scaled, as training read them, for a
     * model saved before Hebb recorded that encoding, which predict cannot know to scale.
     */
    static Tensor arrayFeatures(Path file, SavedModel saved) throws IOException {
        return saved.data().featureEncoding() == DataInfo.FeatureEncoding.UNKNOWN ? DataFiles.readFeatures(file)
                : DataFiles.readStoredFeatures(file);
    }

    /**
     * The saved model's outputs for {@code features} read from {@code file}; a refusal of the features (a pixel
     * that is not a byte, for a model trained on pixels) names the file, which {@code SavedModel.predict} cannot.
     *
     * @throws CliException naming the file and what is wrong in it
     */
    static Tensor predict(Path file, Tensor features, SavedModel saved) {
        try {
            return saved.predict(features);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a uint8 {@code .npy} of features for a model trained on CSV columns: such a file is read as image
     * pixels (divided by 255, as IDX images are), which suits a model trained on images, but gives a model
     * trained on the columns' own values inputs 255 times too small, and confident wrong answers.
     *
     * @throws CliException naming the file and how to save it instead
     */
    static void checkByteFeatures(Path file, SavedModel saved) throws IOException {
        List<String> columns = saved.data().featureNames();
        boolean trainedOnValues = !columns.isEmpty() || saved.data().featureEncoding() == DataInfo.FeatureEncoding.VALUES;
        if (!trainedOnValues || !DataFiles.holdsPixels(file)) {
            return;
        }
        throw new CliException(file + " holds uint8 values, which are read as image pixels (divided by 255), but the"
                + " model was trained on " + (columns.isEmpty() ? "float values, taken as written" : "the values of CSV"
                + " columns (" + columns.get(0) + (columns.size() > 1 ? ", ..." : "") + ")")
                + "; save the features as float32 .npy (numpy: a.astype('float32'))");
    }

    /**
     * {@code dir}, checked to be a folder when it exists: a file given for the model directory was reported as
     * "does not exist". (A missing or non-model folder is reported by {@code ModelDirectory.load}.)
     *
     * @throws CliException when {@code dir} is a file
     */
    static Path modelDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(dir + " is not a folder; give the model directory that nn train wrote");
        }
        return dir;
    }
}
