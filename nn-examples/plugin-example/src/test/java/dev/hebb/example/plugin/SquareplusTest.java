package dev.hebb.example.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.gradcheck.GradientCheck;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What a plugin author tests: exact values, the gradient against finite differences, bad input. */
class SquareplusTest {

    private final Activation squareplus = new Squareplus().create(Hyperparameters.empty());

    @Test
    void matchesTheClosedFormOnATableOfPoints() {
        float[] x = {-1000f, -30f, -2f, 0f, 1f, 3f, 1000f};
        Tensor y = Tensor.zeros(x.length);
        squareplus.forward(Tensor.of(x.clone(), x.length), y);
        for (int i = 0; i < x.length; i++) {
            double expected = (x[i] + Math.sqrt((double) x[i] * x[i] + 4)) / 2;
            // float32 rounding of the result: one ulp of the expected value, relative 2^-23
            assertEquals(expected, y.data()[i], Math.ulp((float) expected) + 1e-30, "squareplus(" + x[i] + ")");
        }
        assertEquals(1.0f, y.data()[3], 0f, "squareplus(0) = sqrt(b)/2 = 1 exactly");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor x = Tensor.of(new float[] {-30f, -3f, -0.5f, 0f, 0.25f, 2f, 30f, 7f}, 2, 4);
        GradientCheck.Result r = GradientCheck.activation(squareplus, x);
        // The function is smooth everywhere; 1e-3 leaves room for float32 forward passes only.
        assertTrue(r.passes(1e-3), r.toString());
    }

    @Test
    void rejectsANonPositiveCurvature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Squareplus().create(Hyperparameters.of("b", -1.0)));
        assertEquals("squareplus: hyperparameter 'b' must be a positive number, got -1.0", e.getMessage());
    }
}
