package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import java.util.List;

/**
 * Adam and AdamW as {@code torch.optim.Adam} / {@code torch.optim.AdamW}; see {@link AdamProvider} and
 * {@link AdamWProvider} for the formulas. One fused pass per parameter.
 */
final class Adam extends BufferedOptimizer {

    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private static final int MAX_EXP_AVG_SQ = 2;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** @param decoupled AdamW's weight decay {@code θ·(1 − lr·weightDecay)} instead of Adam's L2 gradient term */
    Adam(String name, List<Parameter> parameters, double lr, double[] betas, double eps, double weightDecay,
         boolean amsgrad, boolean decoupled) {
        super(name, parameters, lr, true, "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        if (betas.length != 2) {
            throw new IllegalArgumentException(name + ": betas must hold two numbers, got " + betas.length);
        }
        this.beta1 = checkRange(name, "betas[0]", betas[0], 0, 1);
        this.beta2 = checkRange(name, "betas[1]", betas[1], 0, 1);
        this.eps = checkRange(name, "eps", eps, 0, Double.POSITIVE_INFINITY);
        this.weightDecay = checkRange(name, "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    boolean usesSlot(int slot) {
        return slot != MAX_EXP_AVG_SQ || amsgrad;
    }

    @Override
    void update(int index, float[] w, float[] g) {
        final double lr = learningRate();
        final long step = steps(index);
        // Python-side scalars, in double as torch.optim computes them, then rounded to float32 by the kernels.
        final double biasCorrection1 = 1 - StrictMath.pow(beta1, step);
        final double biasCorrection2 = 1 - StrictMath.pow(beta2, step);
        final float negStepSize = (float) -(lr / biasCorrection1);
        final float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
        final float b1 = (float) beta1;
        final float oneMinusB1 = (float) (1 - beta1);
        final float b2 = (float) beta2;
        final float oneMinusB2 = (float) (1 - beta2);
        final float epsF = (float) eps;
        final boolean l2 = !decoupled && weightDecay != 0;
        final float wd = (float) weightDecay;
        final float shrink = (float) (1 - lr * weightDecay);
        final float[] m = buffer(EXP_AVG, index, 0f);
        final float[] v = buffer(EXP_AVG_SQ, index, 0f);
        final float[] vMax = amsgrad ? buffer(MAX_EXP_AVG_SQ, index, 0f) : null;
        final int n = w.length;
        for (int j = 0; j < n; j++) {
            float p = decoupled ? w[j] * shrink : w[j];             // AdamW: param.mul_(1 - lr*weight_decay)
            float d = l2 ? Math.fma(p, wd, g[j]) : g[j];            // Adam: grad.add(param, alpha=weight_decay)
            float mj = Math.fma(d, oneMinusB1, m[j] * b1);          // exp_avg.mul_(b1).add_(grad, alpha=1-b1)
            float vj = Math.fma(oneMinusB2 * d, d, v[j] * b2);      // exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2)
            m[j] = mj;
            v[j] = vj;
            if (amsgrad) {
                vj = Math.max(vMax[j], vj);                         // torch.maximum(max_exp_avg_sq, exp_avg_sq)
                vMax[j] = vj;
            }
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + epsF;   // (sqrt(v) / sqrt(bc2)).add_(eps)
            w[j] = p + negStepSize * mj / denom;                    // param.addcdiv_(exp_avg, denom, value=-step_size)
        }
    }
}
