package dev.hebb.losses;

import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/** The shape and label checks every loss makes, with messages naming the loss. */
final class Shapes {

    private Shapes() {
    }

    /** Fails unless target and prediction have the same, non-empty shape. */
    static void sameShape(String loss, Tensor prediction, Tensor target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException(loss + ": target shape " + Arrays.toString(target.shape())
                    + " does not match prediction shape " + Arrays.toString(prediction.shape()));
        }
        nonEmpty(loss, prediction);
    }

    /** Fails unless the gradient tensor has the prediction's shape. */
    static void gradient(String loss, Tensor prediction, Tensor gradient) {
        if (!prediction.sameShape(gradient)) {
            throw new IllegalArgumentException(loss + ": gradient shape " + Arrays.toString(gradient.shape())
                    + " does not match prediction shape " + Arrays.toString(prediction.shape()));
        }
    }

    /** Fails for a prediction without elements (its mean would be 0/0). */
    static void nonEmpty(String loss, Tensor prediction) {
        if (prediction.size() == 0) {
            throw new IllegalArgumentException(loss + ": prediction " + Arrays.toString(prediction.shape())
                    + " has no elements");
        }
    }

    /** Fails unless the prediction is {@code [batch, classes]} with at least one row and one class. */
    static void scores(String loss, Tensor prediction) {
        if (prediction.rank() != 2) {
            throw new IllegalArgumentException(loss + ": prediction must be [batch, classes], got "
                    + Arrays.toString(prediction.shape()));
        }
        nonEmpty(loss, prediction);
    }

    /** Whether {@code target} is a {@code [batch]} vector of class labels for the {@code [batch, classes]} prediction. */
    static boolean isLabels(Tensor prediction, Tensor target) {
        return target.rank() == 1 && target.dim(0) == prediction.dim(0);
    }

    /**
     * The class labels of a {@code [batch]} target for a {@code [batch, classes]} prediction: whole numbers
     * in {@code [0, classes)}.
     */
    static int[] labels(String loss, Tensor prediction, Tensor target) {
        scores(loss, prediction);
        int batch = prediction.dim(0);
        int classes = prediction.dim(1);
        if (!isLabels(prediction, target)) {
            throw new IllegalArgumentException(loss + ": target shape " + Arrays.toString(target.shape())
                    + " does not match prediction shape " + Arrays.toString(prediction.shape())
                    + "; expected class labels of shape [" + batch + "]");
        }
        return checkedLabels(loss, target.data(), classes);
    }

    /** Converts float labels to ints, failing on a non-whole or out-of-range label with its row. */
    static int[] checkedLabels(String loss, float[] t, int classes) {
        int[] labels = new int[t.length];
        for (int r = 0; r < t.length; r++) {
            float v = t[r];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(loss + ": class label " + v + " in row " + r
                        + " is not a whole number");
            }
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException(loss + ": class label " + (long) v + " in row " + r
                        + " is out of range for " + classes + " classes (expected 0 to " + (classes - 1) + ")");
            }
            labels[r] = (int) v;
        }
        return labels;
    }
}
