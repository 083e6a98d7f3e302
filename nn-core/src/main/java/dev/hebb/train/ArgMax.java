package dev.hebb.train;

import dev.hebb.tensor.Tensor;

/**
 * The class a row of scores predicts, and the class a target row names, shared by the trainer's
 * accuracy and {@link ClassificationMetrics} so that both count the same hits.
 */
final class ArgMax {

    private ArgMax() {
    }

    /** The index of the largest of {@code a[from .. from + n)}, the first one on ties (as {@code torch.argmax}). */
    static int of(float[] a, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[from + j] > a[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * The true class of sample {@code row}: its class id when {@code targets} is a {@code [n]} vector of labels,
     * else the arg-max of its row of class probabilities (cross-entropy's other target form, {@code [n, classes]}).
     */
    static int targetClass(Tensor targets, int row, int classes) {
        return targets.rank() == 1 ? (int) targets.data()[row] : of(targets.data(), row * classes, classes);
    }
}
