package dev.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.layer.Parameter;
import dev.hebb.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed with PyTorch 1.13 (torch.nn.utils.clip_grad_norm_ / clip_grad_value_ on
 * gradients [3, 4] and [12], joint norm √(9+16+144) = 13) and are compared exactly: both compute the
 * scale maxNorm/(13 + 1e-6), round it to float32 and multiply in float32.
 */
class GradientClippingTest {

    private static Parameter withGradient(String name, float... gradient) {
        Parameter p = new Parameter(name, Tensor.zeros(gradient.length));
        p.gradient().copyFrom(Tensor.of(gradient, gradient.length));
        return p;
    }

    @Test
    void normAboveTheLimitScalesEveryGradientJointly() {
        Parameter a = withGradient("weight", 3f, 4f);
        Parameter b = withGradient("bias", 12f);
        assertEquals(13.0, GradientClipping.clipGradNorm(List.of(a, b), 6.5));
        assertArrayEquals(new float[] {1.4999998807907104f, 1.9999998807907104f}, a.gradient().data());
        assertArrayEquals(new float[] {5.999999523162842f}, b.gradient().data());
    }

    @Test
    void normEqualToTheLimitIsStillScaledByTheEpsilonAsInPyTorch() {
        Parameter a = withGradient("weight", 3f, 4f);
        Parameter b = withGradient("bias", 12f);
        assertEquals(13.0, GradientClipping.clipGradNorm(List.of(a, b), 13.0));
        assertArrayEquals(new float[] {2.999999761581421f, 3.999999761581421f}, a.gradient().data());
        assertArrayEquals(new float[] {11.999999046325684f}, b.gradient().data());
    }

    @Test
    void normBelowTheLimitLeavesGradientsUnchanged() {
        Parameter a = withGradient("weight", 3f, 4f);
        Parameter b = withGradient("bias", 12f);
        assertEquals(13.0, GradientClipping.clipGradNorm(List.of(a, b), 20.0));
        assertArrayEquals(new float[] {3f, 4f}, a.gradient().data());
        assertArrayEquals(new float[] {12f}, b.gradient().data());
    }

    @Test
    void zeroGradientHasNormZeroAndStaysZero() {
        Parameter a = withGradient("weight", 0f, 0f);
        assertEquals(0.0, GradientClipping.clipGradNorm(List.of(a), 1.0));
        assertArrayEquals(new float[] {0f, 0f}, a.gradient().data());
    }

    @Test
    void normIsAccumulatedInDouble() {
        // 2^24 + 1 ones: a float accumulator stalls at 2^24, a double one gives the exact √(2^24 + 1).
        float[] ones = new float[(1 << 24) + 1];
        java.util.Arrays.fill(ones, 1f);
        Parameter p = new Parameter("weight", Tensor.zeros(ones.length));
        p.gradient().copyFrom(Tensor.of(ones, ones.length));
        assertEquals(Math.sqrt((1 << 24) + 1), GradientClipping.clipGradNorm(List.of(p), 1e9));
    }

    @Test
    void nonFiniteGradientIsReportedNamingTheParameter() {
        Parameter a = withGradient("weight", 1f);
        Parameter b = withGradient("bias", Float.NaN);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> GradientClipping.clipGradNorm(List.of(a, b), 1.0));
        assertEquals("cannot clip the gradient norm: it is NaN because the gradient of parameter 1 (bias) is not finite",
                e.getMessage());
    }

    @Test
    void clipValueClampsEachElement() {
        Parameter a = withGradient("weight", 3f, -4f, 1f, -0.5f);
        GradientClipping.clipGradValue(List.of(a), 2.5);
        // PyTorch: [2.5, -2.5, 1.0, -0.5]
        assertArrayEquals(new float[] {2.5f, -2.5f, 1f, -0.5f}, a.gradient().data());
    }

    @Test
    void limitsMustBePositiveAndFinite() {
        List<Parameter> none = List.of();
        assertEquals("clipGradNorm needs a positive finite maxNorm, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(none, 0)).getMessage());
        assertEquals("clipGradNorm needs a positive finite maxNorm, got NaN",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(none, Double.NaN))
                        .getMessage());
        assertEquals("clipGradValue needs a positive finite clipValue, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradValue(none, -1)).getMessage());
    }
}
