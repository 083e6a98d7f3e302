package dev.hebb.losses;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/** Multi-class margin (hinge) loss; see {@link HingeLossProvider}. */
final class MultiMarginLoss extends AbstractLoss {

    private final int power;
    private final double margin;

    MultiMarginLoss(Hyperparameters h, Reduction reduction, int power, double margin) {
        super("hinge", h, reduction, true);
        this.power = power;
        this.margin = margin;
    }

    @Override
    double compute(Tensor prediction, Tensor target, float[] gradient) {
        int[] y = Shapes.labels(name, prediction, target);
        int classes = prediction.dim(1);
        float[] x = prediction.data();
        double scale = reduction.scale(y.length, y.length) / classes;
        double total = 0;
        for (int r = 0; r < y.length; r++) {
            int o = r * classes;
            double xy = x[o + y[r]];
            double gy = 0;
            for (int c = 0; c < classes; c++) {
                double z = c == y[r] ? 0 : margin - xy + x[o + c];
                double g = 0;
                if (z > 0) {
                    total += power == 1 ? z : z * z;
                    g = power == 1 ? 1 : 2 * z;
                    gy -= g;
                }
                if (gradient != null) {
                    gradient[o + c] = (float) (scale * g);
                }
            }
            if (gradient != null) {
                gradient[o + y[r]] = (float) (scale * gy);
            }
        }
        return scale * total;
    }
}
