package dev.hebb.optimizers;

/**
 * The per-element Adam/AdamW update over a range of one parameter. Two implementations compute the same
 * bits: {@link ScalarAdamLoop} everywhere, and a {@code jdk.incubator.vector} one chosen by
 * {@link dev.hebb.tensor.VectorSupport} when that module is present.
 */
interface AdamLoop {

    /** The loop this JVM uses: the Vector API one when available, else the scalar one. */
    AdamLoop BEST = dev.hebb.tensor.VectorSupport.load(AdamLoop.class, "dev.hebb.optimizers.VectorAdamLoop",
            ScalarAdamLoop::new);

    /**
     * Updates {@code w[j]}, {@code m[j]}, {@code v[j]} (and {@code vMax[j]} with amsgrad) for {@code j} in
     * {@code [from, to)} from the gradient {@code g[j]}.
     */
    void update(AdamStep k, float[] w, float[] g, float[] m, float[] v, float[] vMax, int from, int to);

    /**
     * The float32 coefficients of one step of one parameter, computed once per step as torch.optim does
     * (Python scalars in double, rounded to float32 by the kernels).
     *
     * @param decoupled AdamW's {@code θ·shrink} instead of Adam's L2 gradient term
     * @param l2        Adam with a weight decay: {@code d = θ·wd + g}
     */
    record AdamStep(boolean decoupled, boolean l2, boolean amsgrad, float shrink, float wd, float b1,
                    float oneMinusB1, float b2, float oneMinusB2, float bc2Sqrt, float eps, float negStepSize) {
    }
}
