package dev.hebb.activations;

import dev.hebb.tensor.VectorSupport;
import java.util.concurrent.CompletableFuture;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarRectifierLoops} on {@code jdk.incubator.vector}: the comparison becomes a lane mask and the
 * branch a blend, so the same bits come out whatever the signs. The only class of nn-activations' rectifiers
 * that names the Vector API; loaded by name only when the module is present.
 */
final class VectorRectifierLoops implements RectifierLoops {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Done once the vector loops are compiled; until then the scalar twins run (boxed vector code is ~100× slower). */
    final CompletableFuture<Boolean> compiled;

    VectorRectifierLoops() {
        int n = 4 * S.length() + 3;
        float[] x = new float[n];
        float[] dx = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 3 - 1;
        }
        compiled = VectorSupport.warmUpInBackground("rectifiers", () -> {
            for (int i = 0; i < 30; i++) {
                vectorRelu(x, x, dx, 0, n);
                vectorLeaky(x, x, dx, 0.01f, 0, n);
            }
        }, () -> {
            for (int i = 0; i < 30; i++) {
                ScalarRectifierLoops.relu(x, x, dx, 0, n);
                ScalarRectifierLoops.leaky(x, x, dx, 0.01f, 0, n);
            }
        });
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        if (compiled.getNow(false)) {
            vectorRelu(x, dy, dx, from, to);
        } else {
            ScalarRectifierLoops.relu(x, dy, dx, from, to);
        }
    }

    @Override
    public void leakyReluBackward(float[] x, float[] dy, float[] dx, float slope, int from, int to) {
        if (compiled.getNow(false)) {
            vectorLeaky(x, dy, dx, slope, from, to);
        } else {
            ScalarRectifierLoops.leaky(x, dy, dx, slope, from, to);
        }
    }

    /** The vector ReLU loop (tests call it directly). */
    void vectorRelu(float[] x, float[] dy, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int upper = from + S.loopBound(to - from);
        int i = from;
        for (; i < upper; i += S.length()) {
            var positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
        }
        ScalarRectifierLoops.relu(x, dy, dx, i, to);
    }

    /** The vector leaky ReLU loop (tests call it directly). */
    void vectorLeaky(float[] x, float[] dy, float[] dx, float slope, int from, int to) {
        int upper = from + S.loopBound(to - from);
        int i = from;
        for (; i < upper; i += S.length()) {
            var positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(S, dy, i);
            g.mul(slope).blend(g, positive).intoArray(dx, i);
        }
        ScalarRectifierLoops.leaky(x, dy, dx, slope, i, to);
    }
}
