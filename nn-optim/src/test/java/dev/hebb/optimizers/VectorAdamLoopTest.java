package dev.hebb.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optimizers.AdamLoop.AdamStep;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.tensor.VectorSupport;
import dev.hebb.testing.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vector API Adam loop gives bitwise the scalar loop's results (which {@link OptimizerBitwiseParityTest}
 * ties to PyTorch), for every option, on ranges that start and end off the vector length; the chunked
 * update gives the same bits on any thread count; and nn-optim works without the Vector API module.
 * Tolerance: none, by design (same IEEE operations in the same order).
 */
class VectorAdamLoopTest {

    private static final List<AdamStep> OPTIONS = List.of(
            //          decoupled l2    amsgrad shrink  wd     b1    1-b1  b2     1-b2   bc2Sqrt eps  -step
            new AdamStep(false, false, false, 1f, 0f, 0.9f, 0.1f, 0.999f, 0.001f, 0.0447f, 1e-8f, -0.01f),
            new AdamStep(false, true, true, 1f, 0.01f, 0.9f, 0.1f, 0.5f, 0.5f, 0.866f, 1e-3f, -0.0526f),
            new AdamStep(true, false, true, 0.9999f, 0.01f, 0.8f, 0.2f, 0.99f, 0.01f, 0.141f, 1e-8f, -1e-3f),
            new AdamStep(true, false, false, 0.99f, 1f, 0.9f, 0.1f, 0.999f, 0.001f, 1f, 1e-6f, -0.5f));

    /** Arrays of {@code n} floats of mixed signs and magnitudes, zeros included; {@code v} non-negative. */
    private static float[][] state(SplittableRandom r, int n) {
        float[][] s = new float[5][n];
        for (int j = 0; j < n; j++) {
            s[0][j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 2)));
            s[1][j] = j % 13 == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 1)));
            s[2][j] = (float) (r.nextGaussian() * 1e-2);
            s[3][j] = (float) Math.abs(r.nextGaussian() * 1e-4);
            s[4][j] = s[3][j] * (float) r.nextDouble(0.5, 2);
        }
        return s;
    }

    private static float[][] copy(float[][] s) {
        float[][] c = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i].clone();
        }
        return c;
    }

    @Test
    void theVectorLoopIsTheOneInUseWhenTheModuleIsPresent() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector, so the tests below test it.
        assertTrue(VectorSupport.available());
        assertEquals(VectorAdamLoop.class, AdamLoop.BEST.getClass());
    }

    @Test
    void vectorAndScalarLoopsGiveTheSameBitsForEveryOption() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 1003;
        for (AdamStep k : OPTIONS) {
            float[][] scalar = state(r, n);
            float[][] vector = copy(scalar);
            // Three steps over ranges that begin and end off the vector length, covering [0, n).
            int[] bounds = {0, 5, 517, 518, n};
            for (int step = 0; step < 3; step++) {
                for (int b = 0; b + 1 < bounds.length; b++) {
                    new ScalarAdamLoop().update(k, scalar[0], scalar[1], scalar[2], scalar[3], scalar[4], bounds[b], bounds[b + 1]);
                    new VectorAdamLoop().update(k, vector[0], vector[1], vector[2], vector[3], vector[4], bounds[b], bounds[b + 1]);
                }
            }
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(scalar[i], vector[i], 0f, "array " + i + " with " + k);
            }
            assertFalse(Arrays.equals(scalar[0], state(new SplittableRandom(7), n)[0]), "the weights moved");
        }
    }

    /** The weights of a 70,000-element parameter (cut into chunks) after three steps on the given kernel. */
    private static float[] train(String name, Hyperparameters h, Kernel kernel) {
        Kernel previous = Kernels.use(kernel);
        try {
            float[][] s = state(new SplittableRandom(11), 70_000);
            Parameter p = new Parameter("weight", Tensor.of(s[0], s[0].length));
            Optimizer opt = Registry.get().optimizer(name, List.of(p), h);
            for (int step = 0; step < 3; step++) {
                float[] g = p.gradient().data();
                for (int j = 0; j < g.length; j++) {
                    g[j] = s[1][j] * (step + 1) - 0.1f * p.value().data()[j];
                }
                opt.step();
            }
            return p.value().data();
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void chunkedUpdatesGiveTheSameBitsOnAnyThreadCount() {
        for (var c : List.of(List.<Object>of("adam", Hyperparameters.of("lr", 0.01, "amsgrad", true, "weightDecay", 0.01)),
                List.<Object>of("adamw", Hyperparameters.of("lr", 0.01)))) {
            String name = (String) c.get(0);
            Hyperparameters h = (Hyperparameters) c.get(1);
            float[] one = train(name, h, Kernels.best(1));
            assertArrayEquals(one, train(name, h, Kernels.best(2)), 0f, name + " on 2 threads");
            assertArrayEquals(one, train(name, h, Kernels.best(3)), 0f, name + " on 3 threads");
        }
    }

    /** Steps Adam once and prints the loop in use; run in a JVM without the Vector API module. */
    public static void main(String[] args) {
        Parameter p = new Parameter("weight", Tensor.of(new float[] {1f, -2f, 3f}, 3));
        p.gradient().data()[0] = 1f;
        Optimizer opt = Registry.get().optimizer("adam", List.of(p), Hyperparameters.of("lr", 0.5));
        opt.step();
        System.out.println(AdamLoop.BEST.getClass().getSimpleName() + " " + p.value().data()[0]);
    }

    @Test
    void withoutTheVectorModuleAdamFallsBackToTheScalarLoop() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VectorAdamLoopTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        // lr 0.5, first step: w − lr·sign(g) for g ≠ 0 (bias-corrected m/√v = ±1 up to eps): 1 − 0.5 = 0.5.
        assertTrue(output.contains("ScalarAdamLoop 0.5"), output);
    }
}
