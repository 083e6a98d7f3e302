package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertClosedForm;
import static dev.hebb.activations.ActivationTesting.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Forward values against the closed-form definitions evaluated in double precision (written here naively,
 * independent of the production code), on tables that include the far tails. Tolerance: one float32 ulp
 * of the closed form, i.e. float32 rounding (see {@link ActivationTesting#assertClosedForm}).
 */
class ClosedFormTest {

    private static final float[] TABLE = {-1000f, -100f, -30f, -20f, -3f, -1f, -0.5f, -1e-3f, -1e-6f, 0f,
        1e-6f, 1e-3f, 0.5f, 1f, 3f, 20f, 30f, 100f, 1000f};

    @Test
    void sigmoid() {
        assertClosedForm(activation("sigmoid"), x -> 1 / (1 + Math.exp(-x)), TABLE);
        float[] y = forward(activation("sigmoid"), -100f, 1000f, -1000f);
        assertEquals(3.7200759760208356e-44, y[0], Math.ulp(3.7e-44f), "sigmoid(-100) keeps its subnormal value");
        assertEquals(1f, y[1], 0f);
        assertEquals(0f, y[2], 0f);
    }

    @Test
    void tanh() {
        assertClosedForm(activation("tanh"), Math::tanh, TABLE);
        assertEquals(1f, forward(activation("tanh"), 20f)[0], 0f, "tanh(20) rounds to 1 in float32");
    }

    @Test
    void relu() {
        assertClosedForm(activation("relu"), x -> Math.max(0, x), TABLE);
    }
}
