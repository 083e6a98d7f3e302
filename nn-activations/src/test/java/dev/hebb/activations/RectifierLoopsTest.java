package dev.hebb.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.gradcheck.PluginContract;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.tensor.VectorSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The branch-free ReLU and leaky ReLU backward loops: the Vector API ones give bitwise the scalar
 * reference's results (special values and ranges off the vector length included), the scalar reference
 * is {@code x > 0 ? dy : dy·slope} element by element, and the activations work without the module.
 * Tolerance: none (a blend and one multiply are exact).
 */
class RectifierLoopsTest {

    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};

    private static float[] values(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void theVectorLoopsAreChosenAndTheirWarmUpEnds() throws Exception {
        assertTrue(VectorSupport.available());
        assertEquals(VectorRectifierLoops.class, RectifierLoops.BEST.getClass());
        // Until the background warm-up says the vector loops are compiled, the scalar twins run (same bits,
        // tested below). Whether it says so depends on the JIT and the machine's load (a busy build can
        // keep C2 from compiling in time), so only its ending is required here, not its verdict.
        ((VectorRectifierLoops) RectifierLoops.BEST).compiled.get(120, TimeUnit.SECONDS);
    }

    @Test
    void vectorAndScalarLoopsGiveTheSameBits() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1000;
        float[] x = values(r, n);
        float[] dy = values(r, n);
        int[][] ranges = {{0, n}, {3, 3}, {5, 21}, {17, 999}};
        for (float slope : new float[] {0.01f, -0.5f, 3f, 0f}) {
            for (int[] range : ranges) {
                float[] scalar = new float[n];
                float[] vector = new float[n];
                new ScalarRectifierLoops().reluBackward(x, dy, scalar, range[0], range[1]);
                new VectorRectifierLoops().vectorRelu(x, dy, vector, range[0], range[1]);
                assertArrayEquals(scalar, vector, 0f, "relu over " + range[0] + ".." + range[1]);
                new ScalarRectifierLoops().leakyReluBackward(x, dy, scalar, slope, range[0], range[1]);
                new VectorRectifierLoops().vectorLeaky(x, dy, vector, slope, range[0], range[1]);
                assertArrayEquals(scalar, vector, 0f, "leaky relu slope " + slope + " over " + range[0] + ".." + range[1]);
            }
        }
    }

    @Test
    void theReferenceLoopsPassTheGradientWhereTheInputIsPositive() {
        float[] x = {2f, 0f, -0f, -3f, Float.NaN, Float.MIN_VALUE};
        float[] dy = {-1.5f, 4f, 4f, -2f, 7f, Float.NaN};
        float[] dx = new float[x.length];
        new ScalarRectifierLoops().reluBackward(x, dy, dx, 0, x.length);
        assertArrayEquals(new float[] {-1.5f, 0f, 0f, 0f, 0f, Float.NaN}, dx, 0f);
        new ScalarRectifierLoops().leakyReluBackward(x, dy, dx, 0.25f, 0, x.length);
        assertArrayEquals(new float[] {-1.5f, 1f, 1f, -0.5f, 1.75f, Float.NaN}, dx, 0f);
    }

    @Test
    void reluAndLeakyReluComputeRangesWithTheForwardsBitsSoDenseLayersFuseThem() {
        // The engine's own tests show that a fused model gives the unfused bits given this check.
        for (String name : List.of("relu", "leaky_relu")) {
            var report = PluginContract.activation(ActivationTesting.REGISTRY.activationProvider(name), Hyperparameters.empty());
            assertTrue(report.passed(), report.toString());
            assertTrue(report.toString().contains("PASS ranges give the forward's bits"), report.toString());
        }
    }

    /** ReLU and leaky ReLU backward once; prints the loops in use. Run in a JVM without the Vector API module. */
    public static void main(String[] args) {
        float[] x = {1f, -1f};
        for (Activation a : List.of(ActivationTesting.activation("relu"), ActivationTesting.activation("leaky_relu"))) {
            Tensor dx = Tensor.zeros(2);
            a.backward(Tensor.of(x, 2), Tensor.zeros(2), Tensor.of(new float[] {3f, 3f}, 2), dx);
            System.out.print(a.name() + " " + dx.data()[0] + " " + dx.data()[1] + "; ");
        }
        System.out.println(RectifierLoops.BEST.getClass().getSimpleName());
    }

    @Test
    void withoutTheVectorModuleTheRectifiersUseTheScalarLoops() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RectifierLoopsTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("relu 3.0 0.0; leaky_relu 3.0 0.03; ScalarRectifierLoops"), output);
    }
}
