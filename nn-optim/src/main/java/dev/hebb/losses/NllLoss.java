package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/** Negative log-likelihood of log-probabilities; see {@link NllLossProvider}. */
final class NllLoss extends AbstractLoss {

    NllLoss(Hyperparameters h, Reduction reduction) {
        super("nll", h, reduction, true);
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        int[] y = Shapes.labels(name, prediction, target);
        int classes = prediction.dim(1);
        float[] x = prediction.data();
        double scale = reduction.scale(y.length, y.length);
        if (gradient != null) {
            Arrays.fill(gradient, 0f);
        }
        double total = 0;
        for (int r = 0; r < y.length; r++) {
            int at = r * classes + y[r];
            total -= x[at];
            if (gradient != null) {
                gradient[at] = (float) -scale;
            }
        }
        return scale * total;
    }
}
