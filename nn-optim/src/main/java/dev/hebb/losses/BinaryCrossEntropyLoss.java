package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/**
 * Binary cross-entropy of probabilities ({@link BceLossProvider}) or of logits
 * ({@link BceWithLogitsLossProvider}).
 */
final class BinaryCrossEntropyLoss extends AbstractLoss {

    /** PyTorch clamps each log term at −100 so that p = 0 or 1 gives a finite loss. */
    private static final double LOG_FLOOR = -100;
    /** PyTorch's floor of p·(1 − p) in the gradient's denominator. */
    private static final double EPSILON = 1e-12;

    private final boolean logits;

    BinaryCrossEntropyLoss(String name, Hyperparameters h, Reduction reduction, boolean logits) {
        super(name, h, reduction);
        this.logits = logits;
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        double scale = elementwiseScale(prediction, target);
        float[] x = prediction.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double ti = t[i];
            double loss;
            double slope;
            if (logits) {
                // max(x, 0) − x·t + log(1 + e^−|x|): no overflow for any x.
                loss = Math.max(v, 0) - v * ti + Math.log1p(Math.exp(-Math.abs(v)));
                double e = Math.exp(-Math.abs(v));
                double sigmoid = v >= 0 ? 1 / (1 + e) : e / (1 + e);
                slope = sigmoid - ti;
            } else {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(name + ": prediction " + x[i] + " at index " + i
                            + " is not a probability in [0, 1]; use bce_with_logits for logits");
                }
                loss = -(ti * Math.max(Math.log(v), LOG_FLOOR) + (1 - ti) * Math.max(Math.log1p(-v), LOG_FLOOR));
                slope = (v - ti) / Math.max((1 - v) * v, EPSILON);
            }
            total += loss;
            if (gradient != null) {
                gradient[i] = (float) (scale * slope);
            }
        }
        return scale * total;
    }
}
