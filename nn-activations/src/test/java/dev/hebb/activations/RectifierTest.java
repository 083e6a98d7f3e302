package dev.hebb.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.gradcheck.PluginContract;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ReLU and leaky ReLU backward loops: the vector loops (branch-free, a lane mask and a blend) give the
 * reference's bits {@code x > 0 ? dy : dy·slope} element by element, special values and lengths off the
 * vector length included. Tolerance: none (a blend and one float multiply are exact). The scalar loops are
 * compared with the vector ones on 10⁶ inputs in {@link VectorPathTest}, and run without the module in
 * {@link ScalarFallbackTest}.
 */
class RectifierTest {

    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};

    private static float[] values(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] backward(Activation a, float[] x, float[] dy) {
        Tensor dx = Tensor.zeros(x.length);
        a.backward(Tensor.of(x, x.length), Tensor.zeros(x.length), Tensor.of(dy, dy.length), dx);
        return dx.data();
    }

    /** dx by two backwardRange calls, cut at a third of the length. */
    private static float[] backwardInRanges(Activation a, float[] x, float[] dy) {
        float[] dx = new float[x.length];
        int cut = x.length / 3;
        ((ElementwiseActivation) a).backwardRange(x, new float[x.length], dy, dx, 0, cut);
        ((ElementwiseActivation) a).backwardRange(x, new float[x.length], dy, dx, cut, x.length);
        return dx;
    }

    @Test
    void theLeakyForwardLoopGivesTheReferenceBitsAndSaturates() {
        // y = x > 0 ? x : float(clamp(x·slope)) with the product in double; a slope above 1 on -MAX_VALUE must
        // give -MAX_VALUE, not -infinity. Also through forwardRange at offsets off the vector length, as the
        // dense layer's epilogue calls it.
        SplittableRandom r = new SplittableRandom(4);
        for (double slope : new double[] {0.01, -0.5, 3.0, 0.0}) {
            Activation leaky = ActivationTesting.activation("leaky_relu", "negativeSlope", slope);
            assertTrue(VectorPathTest.warmUp(List.of(leaky)), "vector loops on");
            for (int n : new int[] {0, 3, 16, 21, 999, 1000}) {
                float[] x = values(r, n);
                float[] y = VectorPathTest.forwardWhole(leaky, x);
                float[] ranged = new float[n];
                int cut = n / 3;
                ((ElementwiseActivation) leaky).forwardRange(x, ranged, 0, cut);
                ((ElementwiseActivation) leaky).forwardRange(x, ranged, cut, n);
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    float expected = v > 0 ? v : (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v * slope));
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[i]),
                            "leaky_relu(" + v + "), slope " + slope + ", at " + i + " of " + n);
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ranged[i]),
                            "leaky_relu(" + v + ") by ranges, slope " + slope + ", at " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void theVectorLoopsGiveTheReferenceBits() {
        SplittableRandom r = new SplittableRandom(3);
        for (float slope : new float[] {0.01f, -0.5f, 3f, 0f}) {
            Activation relu = ActivationTesting.activation("relu");
            Activation leaky = ActivationTesting.activation("leaky_relu", "negativeSlope", (double) slope);
            assertTrue(VectorPathTest.warmUp(List.of(relu, leaky)), "vector loops on");
            for (int n : new int[] {0, 3, 16, 21, 999, 1000}) {
                float[] x = values(r, n);
                float[] dy = values(r, n);
                float[] reluDx = backward(relu, x, dy);
                float[] leakyDx = backward(leaky, x, dy);
                // Also through backwardRange at offsets off the vector length, as the dense layer's epilogue calls it.
                float[] reluRanged = backwardInRanges(relu, x, dy);
                float[] leakyRanged = backwardInRanges(leaky, x, dy);
                for (int i = 0; i < n; i++) {
                    float g = dy[i];
                    int reluBits = Float.floatToRawIntBits(x[i] > 0 ? g : 0f);
                    int leakyBits = Float.floatToRawIntBits(x[i] > 0 ? g : g * slope);
                    String at = "(" + x[i] + ")·" + g + ", slope " + slope + ", at " + i + " of " + n;
                    assertEquals(reluBits, Float.floatToRawIntBits(reluDx[i]), "relu'" + at);
                    assertEquals(leakyBits, Float.floatToRawIntBits(leakyDx[i]), "leaky_relu'" + at);
                    assertEquals(reluBits, Float.floatToRawIntBits(reluRanged[i]), "relu' by ranges" + at);
                    assertEquals(leakyBits, Float.floatToRawIntBits(leakyRanged[i]), "leaky_relu' by ranges" + at);
                }
            }
        }
    }

    @Test
    void blocksGiveTheReferenceBitsAndWriteNothingElse() {
        // As a dense layer's epilogue calls them: columns [from, to) of rows 1 to 4 of a [6, 53] matrix, cut
        // at offsets off the vector length.
        SplittableRandom r = new SplittableRandom(5);
        int stride = 53;
        for (float slope : new float[] {0.01f, -0.5f, 3f}) {
            ElementwiseActivation relu = (ElementwiseActivation) ActivationTesting.activation("relu");
            ElementwiseActivation leaky = (ElementwiseActivation) ActivationTesting.activation("leaky_relu",
                    "negativeSlope", (double) slope);
            assertTrue(VectorPathTest.warmUp(List.of(relu, leaky)), "vector loops on");
            float[] x = values(r, 6 * stride);
            float[] dy = values(r, 6 * stride);
            for (int[] cut : new int[][] {{0, 53}, {5, 37}, {3, 22}, {17, 18}, {48, 53}}) {
                float[] reluY = nans(x.length);
                float[] reluDx = nans(x.length);
                float[] leakyY = nans(x.length);
                float[] leakyDx = nans(x.length);
                relu.forwardBlock(x, reluY, stride, 4, stride, cut[0], cut[1]);
                relu.backwardBlock(x, reluY, dy, reluDx, stride, 4, stride, cut[0], cut[1]);
                leaky.forwardBlock(x, leakyY, stride, 4, stride, cut[0], cut[1]);
                leaky.backwardBlock(x, leakyY, dy, leakyDx, stride, 4, stride, cut[0], cut[1]);
                for (int i = 0; i < x.length; i++) {
                    int row = i / stride;
                    int col = i % stride;
                    boolean inside = row >= 1 && row <= 4 && col >= cut[0] && col < cut[1];
                    float v = x[i];
                    float g = dy[i];
                    float leakyOut = (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v * (double) slope));
                    float[] expected = inside
                        ? new float[] {Math.max(v, 0f), v > 0 ? g : 0f, v > 0 ? v : leakyOut, v > 0 ? g : g * slope}
                        : new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
                    float[] actual = {reluY[i], reluDx[i], leakyY[i], leakyDx[i]};
                    for (int k = 0; k < 4; k++) {
                        assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(actual[k]),
                                "output " + k + " at row " + row + ", column " + col + " of block " + cut[0] + ".."
                                + cut[1] + ", x " + v + ", dy " + g + ", slope " + slope);
                    }
                }
            }
        }
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    @Test
    void theGradientPassesWhereTheInputIsPositive() {
        float[] x = {2f, 0f, -0f, -3f, Float.NaN, Float.MIN_VALUE};
        float[] dy = {-1.5f, 4f, 4f, -2f, 7f, Float.NaN};
        assertArrayEquals(new float[] {-1.5f, 0f, 0f, 0f, 0f, Float.NaN},
                backward(ActivationTesting.activation("relu"), x, dy), 0f);
        assertArrayEquals(new float[] {-1.5f, 1f, 1f, -0.5f, 1.75f, Float.NaN},
                backward(ActivationTesting.activation("leaky_relu", "negativeSlope", 0.25), x, dy), 0f);
    }

    @Test
    void reluAndLeakyReluComputeRangesWithTheForwardsBitsSoDenseLayersFuseThem() {
        // The engine's own tests show that a fused model gives the unfused bits given this check.
        for (String name : List.of("relu", "leaky_relu")) {
            var report = PluginContract.activation(ActivationTesting.REGISTRY.activationProvider(name), Hyperparameters.empty());
            assertTrue(report.passed(), report.toString());
            assertTrue(report.toString().contains("PASS ranges give the whole-array bits"), report.toString());
        }
    }
}
