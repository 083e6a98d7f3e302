package dev.hebb.optimizers;

import dev.hebb.tensor.VectorSupport;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarAdamLoop} on {@code jdk.incubator.vector}: the same IEEE operations in the same order, lane
 * by lane (add, multiply, divide, square root, fma and max are exact lane-wise), so the same bits. The
 * only class of nn-optim that names the Vector API; loaded by name only when the module is present.
 */
final class VectorAdamLoop implements AdamLoop {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    VectorAdamLoop() {
        // Compiled within a fraction of a second instead of running boxed through the first epoch.
        VectorSupport.warmUpInBackground("adam", () -> {
            int n = 4 * S.length() + 3;
            float[][] a = new float[5][n];
            AdamStep[] steps = {
                new AdamStep(false, false, false, 1f, 0f, 0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 1e-8f, -1e-3f),
                new AdamStep(false, true, true, 1f, 0.01f, 0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 1e-8f, -1e-3f),
                new AdamStep(true, false, false, 0.99f, 0.01f, 0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 1e-8f, -1e-3f)};
            for (int i = 0; i < 30_000; i++) {
                update(steps[i % steps.length], a[0], a[1], a[2], a[3], a[4], 0, n);
            }
        });
    }

    @Override
    public void update(AdamStep k, float[] w, float[] g, float[] m, float[] v, float[] vMax, int from, int to) {
        final boolean decoupled = k.decoupled();
        final boolean l2 = k.l2();
        final boolean amsgrad = k.amsgrad();
        final FloatVector shrink = FloatVector.broadcast(S, k.shrink());
        final FloatVector wd = FloatVector.broadcast(S, k.wd());
        final FloatVector b1 = FloatVector.broadcast(S, k.b1());
        final FloatVector oneMinusB1 = FloatVector.broadcast(S, k.oneMinusB1());
        final FloatVector b2 = FloatVector.broadcast(S, k.b2());
        final FloatVector oneMinusB2 = FloatVector.broadcast(S, k.oneMinusB2());
        final FloatVector bc2Sqrt = FloatVector.broadcast(S, k.bc2Sqrt());
        final FloatVector eps = FloatVector.broadcast(S, k.eps());
        final FloatVector negStepSize = FloatVector.broadcast(S, k.negStepSize());
        final int upper = from + S.loopBound(to - from);
        int j = from;
        for (; j < upper; j += S.length()) {
            FloatVector p = FloatVector.fromArray(S, w, j);
            if (decoupled) {
                p = p.mul(shrink);
            }
            FloatVector d = FloatVector.fromArray(S, g, j);
            if (l2) {
                d = p.fma(wd, d);
            }
            FloatVector mj = d.fma(oneMinusB1, FloatVector.fromArray(S, m, j).mul(b1));
            FloatVector vj = oneMinusB2.mul(d).fma(d, FloatVector.fromArray(S, v, j).mul(b2));
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            if (amsgrad) {
                vj = FloatVector.fromArray(S, vMax, j).max(vj);
                vj.intoArray(vMax, j);
            }
            FloatVector denom = vj.sqrt().div(bc2Sqrt).add(eps);
            p.add(negStepSize.mul(mj).div(denom)).intoArray(w, j);
        }
        ScalarAdamLoop.range(k, w, g, m, v, vMax, j, to);
    }
}
