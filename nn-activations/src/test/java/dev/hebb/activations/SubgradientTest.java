package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertDerivatives;

import org.junit.jupiter.api.Test;

/**
 * The derivative at the exact kink points follows PyTorch's convention. Expected values from PyTorch
 * 1.13 (Debian python3-torch), float64: {@code x = torch.tensor(points, requires_grad=True);
 * f(x).sum().backward(); x.grad}.
 */
class SubgradientTest {

    @Test
    void reluHasDerivativeZeroAtZero() {
        assertDerivatives(activation("relu"), new float[] {0f, -0f}, 0, 0);
    }
}
