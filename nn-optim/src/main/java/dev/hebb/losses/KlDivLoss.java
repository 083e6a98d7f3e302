package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/** Kullback–Leibler divergence of log-probabilities from a target; see {@link KlDivLossProvider}. */
final class KlDivLoss extends AbstractLoss {

    private final boolean logTarget;

    KlDivLoss(Hyperparameters h, Reduction reduction, boolean logTarget) {
        super("kl_div", h, reduction);
        this.logTarget = logTarget;
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        double scale = elementwiseScale(prediction, target);
        float[] x = prediction.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double p;
            double term;
            if (logTarget) {
                p = Math.exp(t[i]);
                term = p * (t[i] - x[i]);
            } else {
                p = t[i];
                if (!(p >= 0)) {
                    throw new IllegalArgumentException(name + ": target " + t[i] + " at index " + i
                            + " is not a probability (must be >= 0); pass logTarget=true for log-probabilities");
                }
                // t·log t is 0 at t = 0 (PyTorch's xlogy).
                term = p == 0 ? 0 : p * (Math.log(p) - x[i]);
            }
            total += term;
            if (gradient != null) {
                gradient[i] = (float) (-scale * p);
            }
        }
        return scale * total;
    }
}
