package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.tensor.Tensor;
import dev.hebb.tensor.VectorSupport;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one switch between the vector loops of {@link Lanes} and their scalar twins, asked once per call by
 * every vectorised activation: {@code int i = VectorLoops.on(this) ? Lanes.f(x, y) : 0;} then the scalar
 * loop from {@code i}. Both give the same bits, so the switch only changes speed.
 *
 * <p>It is off without {@code jdk.incubator.vector} (then {@link Lanes} is never loaded). Otherwise the first
 * call of an activation class starts a background warm-up (nn-core's {@link VectorSupport#warmUp}) that runs
 * that activation's forward and backward a fixed number of times through the public {@link Activation}
 * calls, so that C2 compiles the same code real calls run; the switch turns on when it ends. Before that,
 * Vector API code would run boxed, some hundred times slower than the scalar twins (the first 469 GELU
 * calls on [128, 256] took 1.5–3 s). One warm-up per class, not one for all: warming all sixteen took
 * some 5 s of CPU (mostly C2's) before the first activation in use was ready, and interleaving them
 * changed which methods C2 inlined (some loops then boxed their vectors for good).
 */
final class VectorLoops {

    /**
     * Forward and backward calls of the warm-up on each of its two tensors: fixed, not timed. Measured in
     * fresh JVMs on the shared 2-core machine: with 50 the first vector calls of sigmoid and log_softmax ran
     * at full speed at once (GELU's warm-up, the longest, takes some seconds there).
     */
    static final int ROUNDS = 50;

    private static final Map<Class<?>, VectorSupport.WarmUp> WARM_UPS = new ConcurrentHashMap<>();

    private VectorLoops() {
    }

    /** Whether the calling thread should run {@code activation}'s vector loops now. */
    static boolean on(Activation activation) {
        return warmUp(activation).vector();
    }

    /** Waits for the warm-up of {@code activation}'s class, starting it if needed (tests); whether it is on. */
    static boolean awaitWarmUp(Activation activation, Duration timeout) throws InterruptedException {
        return warmUp(activation).await(timeout);
    }

    private static VectorSupport.WarmUp warmUp(Activation activation) {
        VectorSupport.WarmUp w = WARM_UPS.get(activation.getClass());
        if (w == null) { // the first call for this class
            w = WARM_UPS.computeIfAbsent(activation.getClass(),
                    type -> VectorSupport.warmUp(activation.name(), () -> run(activation)));
        }
        return w;
    }

    /**
     * The warm-up's fixed work, on the activation that asked first (so with its hyperparameters; another
     * configuration of the same class, such as GELU's tanh form after the exact one, shares the switch and
     * compiles its own loops from its real calls). Its tensors are as large as a real batch (one and two
     * 16,384-element blocks, rows of 256), because C2 compiles from the profile the warm-up leaves: on small
     * arrays it inlined differently (the block loops of softplus and GELU compiled early with their passes,
     * exp left out of some loops), and those loops then boxed their vectors on every real call. And their
     * inputs take every branch real inputs can take, since C2 compiles a branch never taken as a trap back
     * to the (boxed) interpreter: one tensor within [−2, 2] whose length is a multiple of every vector length
     * (no GELU tail formula, no scalar tail), one over [−30, 30] with an odd row length (tails of every kind,
     * softplus's and mish's linear regions, exact kinks).
     */
    private static void run(Activation activation) {
        Tensor[][] operands = {operands(64, 256, 2, 1), operands(128, 257, 30, 2)};
        for (int round = 0; round < ROUNDS; round++) {
            for (Tensor[] t : operands) {
                activation.forward(t[0], t[1]);
                activation.backward(t[0], t[1], t[2], t[3]);
            }
        }
    }

    /** x uniform on [−range, range] with a few exact kinks, y, dy and dx, all of shape [rows, cols]. */
    private static Tensor[] operands(int rows, int cols, float range, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Tensor.uniform(random, -range, range, rows, cols);
        float[] kinks = {0f, -3f, 3f, 6f};
        for (int i = 0; i < kinks.length && range > 6; i++) {
            x.data()[7 * i] = kinks[i];
        }
        return new Tensor[] {x, Tensor.zeros(rows, cols), Tensor.uniform(random, -1, 1, rows, cols),
            Tensor.zeros(rows, cols)};
    }
}
