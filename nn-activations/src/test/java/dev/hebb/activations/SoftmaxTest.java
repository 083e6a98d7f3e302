package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.GRADIENT_TOLERANCE;
import static dev.hebb.activations.ActivationTesting.STEP;
import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertGradientMatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.gradcheck.GradientCheck;
import dev.hebb.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Softmax and log-softmax over the last dimension: values, stability and the full Jacobian-vector product.
 * Tolerance two float32 ulps: softmax rounds e^{x−m} to float before dividing (one rounding more than the
 * closed form), and the closed form here is itself rounded.
 */
class SoftmaxTest {

    private static final float[] ROW = {2f, 1f, 0f, -1.5f, 3.25f};

    @Test
    void softmaxMatchesTheDefinitionOnEachRowOfTheLastDimension() {
        float[] x = new float[ROW.length * 2];
        for (int i = 0; i < ROW.length; i++) {
            x[i] = ROW[i];
            x[ROW.length + i] = -ROW[i];
        }
        Tensor y = Tensor.zeros(2, ROW.length);
        activation("softmax").forward(Tensor.of(x, 2, ROW.length), y);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int j = 0; j < ROW.length; j++) {
                sum += Math.exp(x[r * ROW.length + j]);
            }
            for (int j = 0; j < ROW.length; j++) {
                double expected = Math.exp(x[r * ROW.length + j]) / sum;
                assertEquals(expected, y.data()[r * ROW.length + j], 2 * Math.ulp((float) expected));
            }
        }
    }

    @Test
    void logSoftmaxMatchesTheDefinition() {
        Tensor y = Tensor.zeros(1, ROW.length);
        activation("log_softmax").forward(Tensor.of(ROW.clone(), 1, ROW.length), y);
        double sum = 0;
        for (float v : ROW) {
            sum += Math.exp(v);
        }
        for (int j = 0; j < ROW.length; j++) {
            double expected = ROW[j] - Math.log(sum);
            assertEquals(expected, y.data()[j], 2 * Math.ulp((float) expected));
        }
    }

    @Test
    void hugeLogitsAreStableBecauseTheMaximumIsSubtracted() {
        // PyTorch 1.13, float64: F.softmax / F.log_softmax of [[1000., 999., 998.]] over dim -1
        Tensor x = Tensor.of(new float[] {1000f, 999f, 998f}, 1, 3);
        Tensor y = Tensor.zeros(1, 3);
        activation("softmax").forward(x, y);
        double[] softmax = {0.6652409557748218, 0.2447284710547976, 0.09003057317038045};
        activation("log_softmax").forward(x, y.copy());
        for (int j = 0; j < 3; j++) {
            assertEquals(softmax[j], y.data()[j], 2 * Math.ulp((float) softmax[j]));
        }
        Tensor logY = Tensor.zeros(1, 3);
        activation("log_softmax").forward(x, logY);
        double[] logSoftmax = {-0.4076059644443804, -1.4076059644443804, -2.4076059644443806};
        for (int j = 0; j < 3; j++) {
            assertEquals(logSoftmax[j], logY.data()[j], 2 * Math.ulp((float) logSoftmax[j]));
        }
    }

    @Test
    void aRowSpanningTheFloatRangeStaysFinite() {
        Tensor x = Tensor.of(new float[] {-Float.MAX_VALUE, Float.MAX_VALUE}, 1, 2);
        Tensor y = Tensor.zeros(1, 2);
        activation("log_softmax").forward(x, y);
        assertArrayEquals(new float[] {-Float.MAX_VALUE, 0f}, y.data(), 0f);
        activation("softmax").forward(x, y);
        assertArrayEquals(new float[] {0f, 1f}, y.data(), 0f);
    }

    @Test
    void backwardIsTheFullJacobianVectorProduct() {
        assertJacobianVectorProduct(ROW, new float[] {0.5f, -1f, 2f, 0.25f, -0.75f});
    }

    @Test
    void softmaxGradientMatchesFiniteDifferencesIncludingRowsSaturatedByFarOutLogits() {
        // Rows 6 and 7 are dominated by +30 (probabilities 1 and e^-30) and hold a -30 among ordinary values.
        float[] x = ordinaryRows();
        float[] saturated = {30f, 0.5f, -1.25f, 2f, -2.5f, 1f, -30f, 0.5f, -1.25f, 2f, -2.5f, 1f};
        System.arraycopy(saturated, 0, x, 36, 12);
        assertGradientMatches(activation("softmax"), Tensor.of(x, 8, 6));
    }

    @Test
    void logSoftmaxGradientMatchesFiniteDifferencesIncludingFarOutLogits() {
        // Log-softmax outputs grow with the spread of a row, and a finite difference cannot resolve more finely
        // than one float32 ulp of the largest |y| over 2h: with ±30 next to ordinary values (|y| ≈ 30, ulp 2e-6)
        // that is ~1e-3 absolute, too coarse for a 1e-3 relative check. So far-out logits come as rows of their
        // own here, and rows mixing ±30 with ordinary values are checked against the exact Jacobian below.
        assertGradientMatches(activation("log_softmax"), Tensor.of(ordinaryRows(), 8, 6));
        float[] far = {30f, 29.25f, 29.5f, 30.5f, 28.75f, 31f, -30f, -29.25f, -29.5f, -30.5f, -28.75f, -31f};
        // The check's step is relative to |x| (h = 0.09 at 30 with STEP 3e-3), but log-softmax is shift-invariant:
        // its curvature does not shrink with |x|. A step ten times smaller keeps h near 0.03 there.
        GradientCheck.Result r = GradientCheck.defaults().withStep(STEP / 10)
                .checkActivation(activation("log_softmax"), Tensor.of(far, 2, 6));
        assertTrue(r.passes(GRADIENT_TOLERANCE), r.toString());
    }

    /** Six rows of uniform values in [-3, 3), then two rows of zeros for the caller to fill. */
    private static float[] ordinaryRows() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[8 * 6];
        for (int i = 0; i < 36; i++) {
            x[i] = (float) (random.nextDouble() * 6 - 3);
        }
        return x;
    }

    @Test
    void backwardIsExactOnSaturatedRows() {
        // One logit dominating by 30 or more: probabilities of 1 and e^-60 side by side.
        float[] row = {30f, -30f, 0.5f, 12f, -12f, 29.5f};
        float[] dy = {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f};
        assertJacobianVectorProduct(row, dy);
    }

    @Test
    void scalarSamplesAreRejectedWhenTheLayerIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> activation("softmax").checkInputShape(new int[0]));
        assertEquals("softmax normalizes over the last dimension of each sample, but the samples are scalars"
                + " (per-sample shape [])", e.getMessage());
    }

    /** Backward against the explicit Jacobian in double: softmax p_i(δ_ij − p_j), log-softmax δ_ij − p_j. */
    private static void assertJacobianVectorProduct(float[] row, float[] dy) {
        int n = row.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(row[i] - max) / sum;
        }
        for (String name : new String[] {"softmax", "log_softmax"}) {
            Activation a = activation(name);
            Tensor x = Tensor.of(row.clone(), 1, n);
            Tensor y = Tensor.zeros(1, n);
            a.forward(x, y);
            Tensor dx = Tensor.zeros(1, n);
            a.backward(x, y, Tensor.of(dy.clone(), 1, n), dx);
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int i = 0; i < n; i++) {
                    double delta = i == j ? 1 : 0;
                    expected += dy[i] * (name.equals("softmax") ? p[i] * (delta - p[j]) : delta - p[j]);
                }
                // Sums of a few float32 products of O(1) values: 1e-6 absolute is a few float32 ulps.
                assertEquals(expected, dx.data()[j], 1e-6, name + " dx[" + j + "]");
            }
        }
    }
}
