package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.tensor.Ops;
import java.util.Arrays;
import java.util.List;

/**
 * Adam and AdamW as {@code torch.optim.Adam} / {@code torch.optim.AdamW}; see {@link AdamProvider} and
 * {@link AdamWProvider} for the formulas. One fused pass per parameter
 * ({@link AdamLoop}), cut into chunks for the kernel threads.
 */
final class Adam extends BufferedOptimizer {

    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private static final int MAX_EXP_AVG_SQ = 2;
    /**
     * Parameters of fewer than twice this many elements are updated on the calling thread. 8192 cuts the
     * reference MLP's 256→128 weight (32,768 elements) into 4 chunks rather than 2, so a helper that arrives
     * late still takes a share: its 2-thread epoch took 0.971–0.999 of the time with 16,384 (five
     * interleaved runs, geometric mean 0.986); the 784→256 weight stays at the 8-chunk maximum either way.
     */
    private static final int GRAIN = 8_192;

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
            throw new IllegalArgumentException(name + ": betas must be two numbers [beta1, beta2], got "
                    + Arrays.toString(betas));
        }
        this.beta1 = checkRange(name, "betas[0]", betas[0], 0, 1);
        this.beta2 = checkRange(name, "betas[1]", betas[1], 0, 1);
        this.eps = checkEps(name, eps);
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
        final AdamLoop step = new AdamLoop(learningRate(), beta1, beta2, eps, weightDecay, steps(index), amsgrad,
                decoupled);
        final float[] m = buffer(EXP_AVG, index, 0f);
        final float[] v = buffer(EXP_AVG_SQ, index, 0f);
        final float[] vMax = amsgrad ? buffer(MAX_EXP_AVG_SQ, index, 0f) : null;
        // Element-wise, so the cut into chunks (fixed by the size) cannot change a bit.
        Ops.forEachChunk(w.length, GRAIN, (from, to) -> step.range(w, g, m, v, vMax, from, to));
    }
}
