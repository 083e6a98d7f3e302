package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import java.util.List;

/** Adagrad as {@code torch.optim.Adagrad}; see {@link AdagradProvider} for the formula. */
final class Adagrad extends BufferedOptimizer {

    private static final int SUM = 0;

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulatorValue;
    private final double eps;

    Adagrad(List<Parameter> parameters, double lr, double lrDecay, double weightDecay, double initialAccumulatorValue,
            double eps) {
        super("adagrad", parameters, lr, true, "sum");
        this.lrDecay = checkRange("adagrad", "lrDecay", lrDecay, 0, Double.POSITIVE_INFINITY);
        this.weightDecay = checkRange("adagrad", "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.initialAccumulatorValue = checkRange("adagrad", "initialAccumulatorValue", initialAccumulatorValue, 0,
                Double.POSITIVE_INFINITY);
        this.eps = checkEps("adagrad", eps);
    }

    @Override
    boolean usesSlot(int slot) {
        return true;
    }

    @Override
    void update(int index, float[] w, float[] g) {
        final double clr = learningRate() / (1 + (steps(index) - 1) * lrDecay);
        final float negClr = (float) -clr;
        final float epsF = (float) eps;
        final boolean decay = weightDecay != 0;
        final float wd = (float) weightDecay;
        final float[] sum = buffer(SUM, index, (float) initialAccumulatorValue);
        final int n = w.length;
        for (int j = 0; j < n; j++) {
            float d = decay ? Math.fma(w[j], wd, g[j]) : g[j];  // grad.add(param, alpha=weight_decay)
            float s = Math.fma(d, d, sum[j]);                   // state_sum.addcmul_(grad, grad, value=1)
            sum[j] = s;
            float std = (float) Math.sqrt(s) + epsF;            // state_sum.sqrt().add_(eps)
            w[j] = w[j] + negClr * d / std;                     // param.addcdiv_(grad, std, value=-clr)
        }
    }
}
