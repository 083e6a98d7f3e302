package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hebb.activation.Activation;
import dev.hebb.math.ScalarMath;
import dev.hebb.math.VectorMath;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The vectorised loops against the scalar ones, and both against the closed forms, on 10⁶ inputs per
 * activation.
 *
 * <p>Vector against scalar: <b>0 ulps</b> (bitwise equality), forward and backward. Every vector loop in
 * {@code Lanes} has a scalar twin in {@code Functions} built from {@link ScalarMath} with the same IEEE
 * operations in the same order; the elements of an array past the last whole vector, and every element on a
 * JVM without {@code jdk.incubator.vector}, go through the twin. Equality is what makes a model's outputs
 * independent of the batch size, the CPU's vector width and the JVM flags; any rounding difference would
 * show here. The scalar path is reached through arrays shorter than one vector; the vector path once the
 * activation's background warm-up has ended (before, it runs the scalar loops), which the tests wait for.
 *
 * <p>Against the closed forms evaluated with {@link Math} in double, on 2·10⁵ inputs: <b>1 ulp</b> of float32, the tolerance of
 * {@link ClosedFormTest} (the result is the float rounding of a value within ~1e-15 relative of the exact
 * one, so it can only differ from the rounding of the closed form, itself within ~1e-16, by one ulp, and only
 * when the exact value lies within ~1e-15 of a rounding boundary).
 */
class VectorPathTest {

    private static final int SWEEP = 1_000_000;
    /** Fewer against the closed forms: the test's own erfc sums up to 300 terms per point. */
    private static final int CLOSED_FORM_SWEEP = 200_000;

    /** Every vectorised activation, with non-default hyperparameters where it has any. */
    static final List<Activation> VECTORISED = List.of(activation("sigmoid"), activation("tanh"),
            activation("gelu"), activation("gelu", "approximate", "tanh"), activation("silu"), activation("mish"),
            activation("softplus"), activation("softplus", "beta", 2.0, "threshold", 10.0), activation("elu"),
            activation("elu", "alpha", 2.5), activation("selu"), activation("celu", "alpha", 0.5),
            activation("softsign"), activation("hardtanh"), activation("hardtanh", "minVal", -0.5, "maxVal", 2.0),
            activation("relu6"), activation("hardsigmoid"), activation("hardswish"), activation("relu"),
            activation("leaky_relu", "negativeSlope", -0.3));

    /**
     * Starts the background warm-up of every activation given and waits for them: until its warm-up ends, an
     * activation runs its scalar loops, so a comparison of "vector" with scalar results made earlier would
     * compare the scalar loops with themselves. Returns whether the vector loops are then on for all.
     */
    static boolean warmUp(List<Activation> activations) {
        activations.forEach(VectorLoops::on);
        boolean on = true;
        for (Activation a : activations) {
            try {
                on &= VectorLoops.awaitWarmUp(a, java.time.Duration.ofMinutes(2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return on;
    }

    /**
     * Inputs: uniform on [−30, 30] (both tails of every function), on [−4, 4] (where they bend), on
     * [−1e-3, 1e-3] (cancellation near 0), exact kinks and their float neighbours, and arbitrary finite floats
     * (any exponent, up to ±3.4e38).
     */
    static float[] sweep(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] kinks = {0f, -3f, 3f, 6f, -1f, 1f, -0.5f, 2f, 10f, 20f, 5f};
        float[] x = new float[SWEEP];
        for (int i = 0; i < x.length; i++) {
            switch (i % 5) {
                case 0 -> x[i] = (float) (r.nextDouble() * 60 - 30);
                case 1 -> x[i] = (float) (r.nextDouble() * 8 - 4);
                case 2 -> x[i] = (float) (r.nextDouble() * 2e-3 - 1e-3);
                case 3 -> {
                    float k = kinks[r.nextInt(kinks.length)];
                    int step = r.nextInt(5) - 2;
                    x[i] = step == 0 ? k : step < 0 ? Math.nextDown(k) : Math.nextUp(k);
                }
                default -> {
                    float v;
                    do {
                        v = Float.intBitsToFloat(r.nextInt());
                    } while (!Float.isFinite(v));
                    x[i] = v;
                }
            }
        }
        return x;
    }

    /** f over the whole array: all but the last few elements go through the vector loop. */
    static float[] forwardWhole(Activation a, float[] x) {
        Tensor y = Tensor.zeros(x.length);
        a.forward(Tensor.of(x, x.length), y);
        return y.data();
    }

    static float[] backwardWhole(Activation a, float[] x, float[] y, float[] dy) {
        Tensor dx = Tensor.zeros(x.length);
        a.backward(Tensor.of(x, x.length), Tensor.of(y, y.length), Tensor.of(dy, dy.length), dx);
        return dx.data();
    }

    /** f in pieces shorter than one vector, so every element goes through the scalar loop. */
    private static float[][] scalarPath(Activation a, float[] x, float[] dy) {
        int n = Math.max(1, VectorMath.LANES - 1);
        Tensor in = Tensor.zeros(n);
        Tensor y = Tensor.zeros(n);
        Tensor g = Tensor.zeros(n);
        Tensor dx = Tensor.zeros(n);
        float[] forward = new float[x.length];
        float[] backward = new float[x.length];
        for (int i = 0; i + n <= x.length; i += n) {
            System.arraycopy(x, i, in.data(), 0, n);
            System.arraycopy(dy, i, g.data(), 0, n);
            a.forward(in, y);
            a.backward(in, y, g, dx);
            System.arraycopy(y.data(), 0, forward, i, n);
            System.arraycopy(dx.data(), 0, backward, i, n);
        }
        return new float[][] {forward, backward};
    }

    @Test
    void theBuildRunsTheVectorPath() {
        assertTrue(ScalarMath.vectorApiAvailable(), "surefire adds --add-modules jdk.incubator.vector");
        assertTrue(VectorMath.LANES >= 2);
    }

    @Test
    void eachActivationSwitchesToItsVectorLoopsWhenItsWarmUpEnds() {
        List<Activation> all = new java.util.ArrayList<>(VECTORISED);
        all.add(activation("softmax"));
        all.add(activation("log_softmax"));
        assertTrue(warmUp(all), "every warm-up ends, without an error");
        for (Activation a : all) {
            assertTrue(VectorLoops.on(a), a + " runs its vector loops on this thread once warmed up");
        }
    }

    @Test
    void vectorAndScalarLoopsGiveBitwiseTheSameResults() {
        float[] x = sweep(11);
        float[] dy = new float[x.length];
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) (r.nextDouble() * 4 - 2);
        }
        int checked = x.length - x.length % Math.max(1, VectorMath.LANES - 1);
        assertTrue(warmUp(VECTORISED));
        for (Activation a : VECTORISED) {
            float[] forward = forwardWhole(a, x);
            float[] backward = backwardWhole(a, x, forward, dy);
            float[][] scalar = scalarPath(a, x, dy);
            for (int i = 0; i < checked; i++) {
                if (Float.floatToRawIntBits(forward[i]) != Float.floatToRawIntBits(scalar[0][i])) {
                    fail(a + "(" + x[i] + "): vector loop " + forward[i] + ", scalar loop " + scalar[0][i]);
                }
                if (Float.floatToRawIntBits(backward[i]) != Float.floatToRawIntBits(scalar[1][i])) {
                    fail(a + "'(" + x[i] + ")·" + dy[i] + ": vector loop " + backward[i] + ", scalar loop "
                            + scalar[1][i]);
                }
                assertTrue(Float.isFinite(forward[i]) && Float.isFinite(backward[i]), a + " at " + x[i]);
            }
        }
    }

    private static void assertSweepMatches(Activation a, DoubleUnaryOperator closedForm, float lo, float hi) {
        assertTrue(warmUp(List.of(a)));
        SplittableRandom r = new SplittableRandom(a.toString().hashCode());
        float[] x = new float[CLOSED_FORM_SWEEP];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 4 == 0 ? (float) (r.nextDouble() * 2e-3 - 1e-3) : (float) (lo + (hi - lo) * r.nextDouble());
        }
        float[] y = forwardWhole(a, x);
        int off = 0;
        for (int i = 0; i < x.length; i++) {
            double expected = closedForm.applyAsDouble(x[i]);
            if (Math.abs(y[i] - expected) > Math.ulp((float) expected)) {
                fail(a + "(" + x[i] + ") = " + y[i] + ", closed form " + expected);
            }
            off += y[i] == (float) expected ? 0 : 1;
        }
        // Not the float32 rounding of the closed form only where the exact value is within ~1e-15 (relative)
        // of a rounding boundary: a handful in 10⁶ at most. Many more would mean a lost digit somewhere.
        assertTrue(off <= 10, a + ": " + off + " of " + x.length + " results are not the rounding of the closed form");
    }

    @Test
    void vectorisedResultsAreTheFloatRoundingOfTheClosedForms() {
        double c = Math.sqrt(2 / Math.PI);
        assertSweepMatches(activation("sigmoid"), x -> 1 / (1 + Math.exp(-x)), -30, 30);
        assertSweepMatches(activation("tanh"), Math::tanh, -10, 10);
        assertSweepMatches(activation("silu"), x -> x / (1 + Math.exp(-x)), -30, 30);
        assertSweepMatches(activation("softplus"), x -> x > 20 ? x : Math.log1p(Math.exp(x)), -30, 30);
        assertSweepMatches(activation("mish"), x -> x * Math.tanh(Math.log1p(Math.exp(x))), -30, 19);
        assertSweepMatches(activation("elu"), x -> x > 0 ? x : Math.expm1(x), -30, 30);
        assertSweepMatches(activation("celu", "alpha", 0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x / 0.5), -30, 30);
        assertSweepMatches(activation("gelu"), x -> 0.5 * x * ClosedFormTest.erfc(-x / Math.sqrt(2)), -12, 12);
        assertSweepMatches(activation("gelu", "approximate", "tanh"),
                x -> x / (1 + Math.exp(-2 * c * (x + 0.044715 * x * x * x))), -12, 12);
        assertSweepMatches(activation("softsign"), x -> x / (1 + Math.abs(x)), -30, 30);
    }

    @Test
    void shortAndOddLengthsUseTheScalarTailCorrectly() {
        Activation a = activation("gelu");
        assertTrue(warmUp(List.of(a)));
        for (int n = 0; n <= 3 * VectorMath.LANES + 1; n++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = i - n / 2f;
            }
            float[] y = forwardWhole(a, x);
            for (int i = 0; i < n; i++) {
                assertEquals((float) Functions.gelu(x[i]), y[i], 0f, "gelu(" + x[i] + ") at index " + i + " of " + n);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxRowsMatchTheirScalarDefinitionsBitwise() {
        int rows = 50;
        int n = 3 * VectorMath.LANES + 5; // whole vectors and a tail in every row
        SplittableRandom r = new SplittableRandom(31);
        float[] x = new float[rows * n];
        float[] dy = new float[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 60 - 30);
            dy[i] = (float) (r.nextDouble() * 2 - 1);
        }
        Tensor in = Tensor.of(x, rows, n);
        Tensor y = Tensor.zeros(rows, n);
        Tensor dx = Tensor.zeros(rows, n);
        Tensor ly = Tensor.zeros(rows, n);
        Tensor ldx = Tensor.zeros(rows, n);
        assertTrue(warmUp(List.of(activation("softmax"), activation("log_softmax"))));
        activation("softmax").forward(in, y);
        activation("log_softmax").forward(in, ly);
        activation("log_softmax").backward(in, ly, Tensor.of(dy, rows, n), ldx);
        for (int row = 0; row < rows; row++) {
            int from = row * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = from; j < from + n; j++) {
                max = Math.max(max, x[j]);
            }
            double sum = 0;
            float[] e = new float[n];
            for (int j = from; j < from + n; j++) {
                double v = ScalarMath.exp((double) x[j] - max);
                e[j - from] = (float) v;
                sum += v; // index order, as the kernel promises
            }
            double logSum = Math.log(sum);
            double dySum = 0;
            for (int j = from; j < from + n; j++) {
                dySum += dy[j];
            }
            for (int j = from; j < from + n; j++) {
                assertEquals((float) (e[j - from] * (1 / sum)), y.data()[j], 0f, "softmax at " + j);
                assertEquals(Checks.saturate(((double) x[j] - max) - logSum), ly.data()[j], 0f, "log_softmax at " + j);
                assertEquals((float) (dy[j] - ScalarMath.exp(ly.data()[j]) * dySum), ldx.data()[j], 0f,
                        "log_softmax backward at " + j);
            }
        }
    }
}
