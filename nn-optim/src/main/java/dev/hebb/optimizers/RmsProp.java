package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import java.util.List;

/** RMSprop as {@code torch.optim.RMSprop}; see {@link RmsPropProvider} for the formula. */
final class RmsProp extends BufferedOptimizer {

    private static final int SQUARE_AVG = 0;
    private static final int MOMENTUM_BUFFER = 1;
    private static final int GRAD_AVG = 2;

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    RmsProp(List<Parameter> parameters, double lr, double alpha, double eps, double weightDecay, double momentum,
            boolean centered) {
        super("rmsprop", parameters, lr, true, "square_avg", "momentum_buffer", "grad_avg");
        // PyTorch checks only alpha >= 0, but above 1 the average α·s + (1 − α)·d² turns negative at the first step
        // with a non-zero gradient, and its square root makes the parameters NaN.
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("rmsprop: alpha must be in [0, 1] (above 1 the average of squared gradients"
                    + " turns negative and the parameters NaN), got " + alpha);
        }
        this.alpha = alpha;
        this.eps = checkEps("rmsprop", eps);
        this.weightDecay = checkRange("rmsprop", "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.momentum = checkRange("rmsprop", "momentum", momentum, 0, Double.POSITIVE_INFINITY);
        this.centered = centered;
    }

    @Override
    boolean usesSlot(int slot) {
        return slot == SQUARE_AVG || (slot == MOMENTUM_BUFFER && momentum > 0) || (slot == GRAD_AVG && centered);
    }

    @Override
    void update(int index, float[] w, float[] g) {
        final float negLr = (float) -learningRate();
        final float a = (float) alpha;
        final float oneMinusA = (float) (1 - alpha);
        final float epsF = (float) eps;
        final boolean decay = weightDecay != 0;
        final float wd = (float) weightDecay;
        final boolean useMomentum = momentum > 0;
        final float mom = (float) momentum;
        final float[] sq = buffer(SQUARE_AVG, index, 0f);
        final float[] buf = useMomentum ? buffer(MOMENTUM_BUFFER, index, 0f) : null;
        final float[] gAvg = centered ? buffer(GRAD_AVG, index, 0f) : null;
        final int n = w.length;
        for (int j = 0; j < n; j++) {
            float d = decay ? Math.fma(w[j], wd, g[j]) : g[j];      // grad.add(param, alpha=weight_decay)
            float s = Math.fma(oneMinusA * d, d, sq[j] * a);        // square_avg.mul_(a).addcmul_(g, g, value=1-a)
            sq[j] = s;
            float avg;
            if (centered) {
                float ga = Math.fma(d, oneMinusA, gAvg[j] * a);     // grad_avg.mul_(a).add_(grad, alpha=1-a)
                gAvg[j] = ga;
                avg = (float) Math.sqrt(Math.fma(-ga, ga, s));      // square_avg.addcmul(ga, ga, value=-1).sqrt_()
            } else {
                avg = (float) Math.sqrt(s);
            }
            avg += epsF;
            if (useMomentum) {
                float b = buf[j] * mom + d / avg;                   // buf.mul_(momentum).addcdiv_(grad, avg)
                buf[j] = b;
                w[j] = Math.fma(b, negLr, w[j]);                    // param.add_(buf, alpha=-lr)
            } else {
                w[j] = w[j] + negLr * d / avg;                      // param.addcdiv_(grad, avg, value=-lr)
            }
        }
    }
}
