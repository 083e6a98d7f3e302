package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import java.util.List;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}; see {@link SgdProvider} for the formula.
 */
final class Sgd extends BufferedOptimizer {

    private static final int MOMENTUM_BUFFER = 0;

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    Sgd(List<Parameter> parameters, double lr, double momentum, double dampening, boolean nesterov,
        double weightDecay) {
        super("sgd", parameters, lr, false, "momentum_buffer");
        this.momentum = checkRange("sgd", "momentum", momentum, 0, Double.POSITIVE_INFINITY);
        this.dampening = checkRange("sgd", "dampening", dampening, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        this.weightDecay = checkRange("sgd", "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd: nesterov needs a positive momentum and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.nesterov = nesterov;
    }

    @Override
    boolean usesSlot(int slot) {
        return momentum != 0;
    }

    @Override
    void update(int index, float[] w, float[] g) {
        // PyTorch rounds every Python scalar to float32 before its kernel uses it.
        final float negLr = (float) -learningRate();
        final float wd = (float) weightDecay;
        final boolean decay = weightDecay != 0;
        final int n = w.length;
        if (momentum == 0) {
            for (int j = 0; j < n; j++) {
                float d = decay ? Math.fma(w[j], wd, g[j]) : g[j]; // d_p = grad.add(param, alpha=wd)
                w[j] = Math.fma(d, negLr, w[j]);                   // param.add_(d_p, alpha=-lr)
            }
            return;
        }
        final float mom = (float) momentum;
        final float keep = (float) (1 - dampening);
        float[] buf = buffer(MOMENTUM_BUFFER, index);
        final boolean first = buf == null; // the first step copies d_p into the buffer, as PyTorch does
        if (first) {
            buf = buffer(MOMENTUM_BUFFER, index, 0f);
        }
        for (int j = 0; j < n; j++) {
            float d = decay ? Math.fma(w[j], wd, g[j]) : g[j];
            float b = first ? d : Math.fma(d, keep, buf[j] * mom); // buf.mul_(momentum).add_(d_p, alpha=1-dampening)
            buf[j] = b;
            float u = nesterov ? Math.fma(b, mom, d) : b;          // d_p.add(buf, alpha=momentum) or buf
            w[j] = Math.fma(u, negLr, w[j]);
        }
    }
}
