package dev.hebb.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adam's update is cut into chunks for the kernel threads; being element-wise, it must give the same bits
 * on any thread count (and {@link OptimizerBitwiseParityTest} ties the loop itself to PyTorch). Tolerance:
 * none.
 */
class AdamChunksTest {

    /** The weights of a 70,000-element parameter (cut into four chunks) after three steps on the given kernel. */
    private static float[] train(String name, Hyperparameters h, Kernel kernel) {
        Kernel previous = Kernels.use(kernel);
        try {
            SplittableRandom r = new SplittableRandom(11);
            float[] w = new float[70_000];
            float[] c = new float[w.length];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 2)));
                c[j] = j % 13 == 0 ? 0f : (float) r.nextGaussian();
            }
            Parameter p = new Parameter("weight", Tensor.of(w, w.length));
            Optimizer opt = Registry.get().optimizer(name, List.of(p), h);
            for (int step = 0; step < 3; step++) {
                float[] g = p.gradient().data();
                for (int j = 0; j < g.length; j++) {
                    g[j] = c[j] * (step + 1) - 0.1f * w[j];
                }
                opt.step();
            }
            return w;
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void chunkedUpdatesGiveTheSameBitsOnAnyThreadCount() {
        Hyperparameters adam = Hyperparameters.of("lr", 0.01, "amsgrad", true, "weightDecay", 0.01);
        Hyperparameters adamw = Hyperparameters.of("lr", 0.01);
        for (var c : List.of(List.of("adam", adam), List.of("adamw", adamw))) {
            String name = (String) c.get(0);
            Hyperparameters h = (Hyperparameters) c.get(1);
            float[] one = train(name, h, Kernels.best(1));
            assertArrayEquals(one, train(name, h, Kernels.best(2)), 0f, name + " on 2 threads");
            assertArrayEquals(one, train(name, h, Kernels.best(3)), 0f, name + " on 3 threads");
        }
    }

    @Test
    void theComparisonAboveCanFail() {
        // Another learning rate must move the weights differently, or bitwise equality would prove nothing.
        Hyperparameters other = Hyperparameters.of("lr", 0.02, "amsgrad", true, "weightDecay", 0.01);
        assertFalse(Arrays.equals(train("adam", Hyperparameters.of("lr", 0.01, "amsgrad", true, "weightDecay", 0.01),
                Kernels.best(2)), train("adam", other, Kernels.best(2))));
    }
}
