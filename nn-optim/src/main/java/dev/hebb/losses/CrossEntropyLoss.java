package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy of logits against class labels or class probabilities; see
 * {@link CrossEntropyLossProvider}. One pass per row computes the log-sum-exp, the value and
 * {@code softmax − target}; nothing is chained through a separate softmax.
 */
final class CrossEntropyLoss extends AbstractLoss {

    private final double smoothing;

    CrossEntropyLoss(Hyperparameters h, Reduction reduction, double smoothing) {
        super("cross_entropy", h, reduction, true);
        this.smoothing = smoothing;
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        Shapes.scores(name, prediction);
        int batch = prediction.dim(0);
        int classes = prediction.dim(1);
        boolean labels = Shapes.isLabels(prediction, target);
        if (!labels && !prediction.sameShape(target)) {
            throw new IllegalArgumentException(name + ": target shape " + Arrays.toString(target.shape())
                    + " does not match prediction shape " + Arrays.toString(prediction.shape())
                    + "; expected class labels [" + batch + "] or class probabilities [" + batch + ", " + classes + "]");
        }
        int[] y = labels ? Shapes.checkedLabels(name, target.data(), classes) : null;
        float[] x = prediction.data();
        float[] t = target.data();
        double scale = reduction.scale(batch, batch);
        double keep = 1 - smoothing;
        double spread = smoothing / classes;
        double total = 0;
        double[] exps = gradient == null ? null : new double[classes]; // one row's exp(x_c − max), for p_c
        for (int r = 0; r < batch; r++) {
            int o = r * classes;
            // Stable log-softmax: log p_c = (x_c − max) − log Σ exp(x_k − max).
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x[o + c]);
            }
            double sumExp = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(x[o + c] - max);
                if (exps != null) {
                    exps[c] = e;
                }
                sumExp += e;
            }
            double logSum = Math.log(sumExp);
            // Row loss −Σ t'_c·log p_c with the smoothed target t' = (1 − ε)·t + ε/C; its gradient is
            // p_c·Σt' − t'_c (Σt' = 1 for labels and for probability rows that sum to one).
            double row = 0;
            double targetMass = 0;
            for (int c = 0; c < classes; c++) {
                double tc = labels ? (c == y[r] ? keep + spread : spread) : keep * t[o + c] + spread;
                double logP = (x[o + c] - max) - logSum;
                row -= tc * logP;
                targetMass += tc;
            }
            total += row;
            if (gradient != null) {
                for (int c = 0; c < classes; c++) {
                    double tc = labels ? (c == y[r] ? keep + spread : spread) : keep * t[o + c] + spread;
                    double p = exps[c] / sumExp; // softmax as PyTorch computes it, without a second exp
                    gradient[o + c] = (float) (scale * (p * targetMass - tc));
                }
            }
        }
        return scale * total;
    }
}
