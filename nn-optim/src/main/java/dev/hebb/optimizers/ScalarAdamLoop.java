package dev.hebb.optimizers;

/** The reference Adam/AdamW loop; its operation order is PyTorch 1.13's, bit for bit. */
final class ScalarAdamLoop implements AdamLoop {

    @Override
    public void update(AdamStep k, float[] w, float[] g, float[] m, float[] v, float[] vMax, int from, int to) {
        range(k, w, g, m, v, vMax, from, to);
    }

    /** The loop itself, also the tail of the vector loop. */
    static void range(AdamStep k, float[] w, float[] g, float[] m, float[] v, float[] vMax, int from, int to) {
        final boolean decoupled = k.decoupled();
        final boolean l2 = k.l2();
        final boolean amsgrad = k.amsgrad();
        final float shrink = k.shrink();
        final float wd = k.wd();
        final float b1 = k.b1();
        final float oneMinusB1 = k.oneMinusB1();
        final float b2 = k.b2();
        final float oneMinusB2 = k.oneMinusB2();
        final float bc2Sqrt = k.bc2Sqrt();
        final float eps = k.eps();
        final float negStepSize = k.negStepSize();
        for (int j = from; j < to; j++) {
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
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + eps;    // (sqrt(v) / sqrt(bc2)).add_(eps)
            w[j] = p + negStepSize * mj / denom;                    // param.addcdiv_(exp_avg, denom, value=-step_size)
        }
    }
}
