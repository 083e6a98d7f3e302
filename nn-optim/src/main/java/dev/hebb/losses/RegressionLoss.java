package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/**
 * The element-wise losses of the difference {@code d = prediction − target}: squared, absolute, Huber
 * and smooth L1. Formulas on the providers ({@link MseLossProvider}, {@link HalfSseLossProvider},
 * {@link L1LossProvider}, {@link HuberLossProvider}, {@link SmoothL1LossProvider}).
 */
final class RegressionLoss extends AbstractLoss {

    /** The per-element function. */
    enum Kind { SQUARED, ABSOLUTE, HUBER, SMOOTH_L1 }

    private final Kind kind;
    private final double factor;
    private final double threshold;

    /**
     * @param factor    multiplies the reduced value (½ for {@code half_sse})
     * @param threshold Huber's {@code delta} or smooth L1's {@code beta}
     */
    RegressionLoss(String name, Hyperparameters h, Reduction reduction, Kind kind, double factor, double threshold) {
        super(name, h, reduction);
        this.kind = kind;
        this.factor = factor;
        this.threshold = threshold;
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        double scale = factor * elementwiseScale(prediction, target);
        float[] p = prediction.data();
        float[] t = target.data();
        double th = threshold;
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = (double) p[i] - t[i];
            double a = Math.abs(d);
            double value;
            double slope;
            switch (kind) {
                case SQUARED -> {
                    value = d * d;
                    slope = 2 * d;
                }
                case ABSOLUTE -> {
                    value = a;
                    slope = Math.signum(d);
                }
                case HUBER -> {
                    value = a < th ? 0.5 * d * d : th * (a - 0.5 * th);
                    slope = a < th ? d : th * Math.signum(d);
                }
                default -> {
                    value = a < th ? 0.5 * d * d / th : a - 0.5 * th;
                    // PyTorch's branch order: with beta = 0 the slope at d = 0 is −1 (a subgradient).
                    slope = d <= -th ? -1 : d >= th ? 1 : d / th;
                }
            }
            sum += value;
            if (gradient != null) {
                gradient[i] = (float) (scale * slope);
            }
        }
        return scale * sum;
    }
}
