package dev.hebb.train;

import dev.hebb.tensor.Tensor;

/**
 * The class a row of scores predicts, and the class a target row names, shared by the trainer's
 * accuracy, {@link ClassificationMetrics} and the saved model's class predictions, so that all count the
 * same hits.
 */
public final class ArgMax {

    /** What {@link #of} returns for a row holding NaN: no class, so it can never equal a true class. */
    public static final int NO_CLASS = -1;

    private ArgMax() {
    }

    /**
     * The index of the largest of {@code a[from .. from + n)}, the first one on ties (as {@code torch.argmax}),
     * or {@link #NO_CLASS} when the row holds a NaN.
     *
     * <p>Where this differs from {@code torch.argmax} (which returns the NaN's index) it does so on purpose:
     * a NaN row predicts nothing, and an index would be counted as a hit wherever it happened to equal the label,
     * an accuracy made from NaN. Infinities are ordinary scores.
     */
    public static int of(float[] a, int from, int n) {
        int best = 0;
        for (int j = 0; j < n; j++) {
            float v = a[from + j];
            if (v != v) {
                return NO_CLASS;
            }
            if (v > a[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * The true class of sample {@code row}: its class id when {@code targets} is a {@code [n]} vector of labels,
     * else the arg-max of its row of class probabilities (cross-entropy's other target form, {@code [n, classes]}),
     * {@link #NO_CLASS} when that row holds NaN.
     */
    static int targetClass(Tensor targets, int row, int classes) {
        return targets.rank() == 1 ? (int) targets.data()[row] : of(targets.data(), row * classes, classes);
    }
}
