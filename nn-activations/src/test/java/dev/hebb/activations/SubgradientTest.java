package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertDerivatives;

import org.junit.jupiter.api.Test;

/**
 * The derivative at the exact kink points follows PyTorch's convention. Expected values from PyTorch
 * 1.13 (Debian python3-torch), float64: {@code x = torch.tensor(points, requires_grad=True);
 * f(x).sum().backward(); x.grad}. Tolerance: float32 rounding of the expected value.
 */
class SubgradientTest {

    @Test
    void reluHasDerivativeZeroAtZero() {
        assertDerivatives(activation("relu"), new float[] {0f, -0f}, 0, 0);
    }

    @Test
    void leakyReluHasTheNegativeSlopeAtZero() {
        assertDerivatives(activation("leaky_relu"), new float[] {0f}, 0.01);
        assertDerivatives(activation("leaky_relu", "negativeSlope", 0.2), new float[] {0f}, 0.2);
    }

    @Test
    void preluHasItsSlopeAtZero() {
        assertDerivatives(activation("prelu"), new float[] {0f}, 0.25);
    }

    @Test
    void eluHasAlphaAtZero() {
        assertDerivatives(activation("elu"), new float[] {0f}, 1.0);
        assertDerivatives(activation("elu", "alpha", 2.0), new float[] {0f}, 2.0);
        assertDerivatives(activation("elu", "alpha", 0.5), new float[] {0f}, 0.5);
    }

    @Test
    void seluHasScaleTimesAlphaAtZero() {
        assertDerivatives(activation("selu"), new float[] {0f}, 1.7580993408473766);
    }

    @Test
    void celuHasOneAtZero() {
        assertDerivatives(activation("celu", "alpha", 2.0), new float[] {0f}, 1.0);
    }

    @Test
    void hardtanhHasZeroAtBothBounds() {
        assertDerivatives(activation("hardtanh"), new float[] {-1f, 1f}, 0, 0);
        assertDerivatives(activation("hardtanh", "minVal", -2.0, "maxVal", 3.0), new float[] {-2f, 3f}, 0, 0);
    }

    @Test
    void relu6HasZeroAtZeroAndSix() {
        assertDerivatives(activation("relu6"), new float[] {0f, 6f}, 0, 0);
    }

    @Test
    void hardsigmoidHasZeroAtPlusMinusThree() {
        assertDerivatives(activation("hardsigmoid"), new float[] {-3f, 3f}, 0, 0);
    }

    @Test
    void hardswishTakesTheMiddleBranchAtPlusMinusThree() {
        assertDerivatives(activation("hardswish"), new float[] {-3f, 3f}, -0.5, 1.5);
    }

    @Test
    void softplusIsSmoothUpToAndIncludingTheThreshold() {
        assertDerivatives(activation("softplus"), new float[] {20f, 0f}, 0.9999999979388464, 0.5);
        assertDerivatives(activation("softplus", "beta", 2.0, "threshold", 10.0), new float[] {5f}, 0.9999546021312976);
    }

    @Test
    void softsignAndGeluAtZero() {
        assertDerivatives(activation("softsign"), new float[] {0f}, 1.0);
        assertDerivatives(activation("gelu"), new float[] {0f}, 0.5);
        assertDerivatives(activation("gelu", "approximate", "tanh"), new float[] {0f}, 0.5);
    }
}
