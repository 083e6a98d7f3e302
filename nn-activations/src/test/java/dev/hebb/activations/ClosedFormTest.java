package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertClosedForm;
import static dev.hebb.activations.ActivationTesting.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hebb.activation.Activation;
import org.junit.jupiter.api.Test;

/**
 * Forward values against the closed-form definitions evaluated in double precision (written here with
 * {@link Math}'s functions and an erfc of the test's own, independent of the production code), on tables that
 * include the far tails. Tolerance: one float32 ulp of the closed form, i.e. float32 rounding (see
 * {@link ActivationTesting#assertClosedForm}).
 */
class ClosedFormTest {

    private static final float[] TABLE = {-1000f, -100f, -30f, -20f, -10f, -5f, -3f, -2.5f, -1f, -0.5f, -1e-3f,
        -1e-6f, 0f, 1e-6f, 1e-3f, 0.5f, 1f, 2.5f, 3f, 5f, 10f, 20f, 20.5f, 30f, 100f, 1000f};

    /** PyTorch's SELU constants, as printed in torch/nn/modules/activation.py. */
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    @Test
    void identity() {
        assertClosedForm(activation("identity"), x -> x, TABLE);
    }

    @Test
    void sigmoid() {
        assertClosedForm(activation("sigmoid"), x -> 1 / (1 + Math.exp(-x)), TABLE);
        float[] y = forward(activation("sigmoid"), -100f, 1000f, -1000f);
        // PyTorch 1.13, float64: torch.sigmoid(torch.tensor([-100.0])) = 3.7200759760208356e-44
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

    @Test
    void leakyRelu() {
        assertClosedForm(activation("leaky_relu"), x -> x > 0 ? x : 0.01 * x, TABLE);
        assertClosedForm(activation("leaky_relu", "negativeSlope", 0.2), x -> x > 0 ? x : 0.2 * x, TABLE);
    }

    @Test
    void elu() {
        assertClosedForm(activation("elu"), x -> x > 0 ? x : Math.expm1(x), TABLE);
        assertClosedForm(activation("elu", "alpha", 2.5), x -> x > 0 ? x : 2.5 * Math.expm1(x), TABLE);
    }

    @Test
    void selu() {
        assertClosedForm(activation("selu"), x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), TABLE);
        // PyTorch 1.13, float64: F.selu(torch.tensor([-10., -5., -1., .5, 3.]))
        assertPyTorch(activation("selu"), new float[] {-10f, -5f, -1f, 0.5f, 3f},
                -1.7580195232607867, -1.7462533606696198, -1.1113307378125625, 0.5253504936777402, 3.1521029620664414);
    }

    @Test
    void celu() {
        assertClosedForm(activation("celu"), x -> Math.max(0, x) + Math.min(0, Math.expm1(x)), TABLE);
        assertClosedForm(activation("celu", "alpha", 0.5),
                x -> Math.max(0, x) + Math.min(0, 0.5 * Math.expm1(x / 0.5)), TABLE);
    }

    @Test
    void geluExact() {
        assertClosedForm(activation("gelu"), x -> 0.5 * x * erfc(-x / Math.sqrt(2)), TABLE);
        // x·Φ(x) at −10 is −7.62e-23; PyTorch's 0.5x(1 + erf(x/√2)) cancels to −0 there, this keeps the value.
        assertEquals(-7.619853024160527e-23, forward(activation("gelu"), -10f)[0], Math.ulp(7.6e-23f));
        // PyTorch 1.13, float64: F.gelu(torch.tensor([-5., -1., .5, 3.]))
        assertPyTorch(activation("gelu"), new float[] {-5f, -1f, 0.5f, 3f},
                -1.4332578593401202e-06, -0.15865525393145702, 0.34573123063700656, 2.99595030590511);
    }

    @Test
    void geluTanh() {
        double c = Math.sqrt(2 / Math.PI);
        // 0.5x(1 + tanh u) written as x/(1 + e^{−2u}), the same number without cancellation at x = −10.
        assertClosedForm(activation("gelu", "approximate", "tanh"),
                x -> x / (1 + Math.exp(-2 * c * (x + 0.044715 * x * x * x))), TABLE);
        // PyTorch 1.13, float64: F.gelu(torch.tensor([-5., -1., .5, 3.]), approximate='tanh')
        assertPyTorch(activation("gelu", "approximate", "tanh"), new float[] {-5f, -1f, 0.5f, 3f},
                -2.2917961972623857e-07, -0.15880800939172324, 0.34571400982514394, 2.996362607918227);
    }

    @Test
    void siluAndSwish() {
        assertClosedForm(activation("silu"), x -> x / (1 + Math.exp(-x)), TABLE);
        assertClosedForm(activation("swish"), x -> x / (1 + Math.exp(-x)), TABLE);
    }

    @Test
    void mish() {
        assertClosedForm(activation("mish"), x -> x * Math.tanh(Math.log1p(Math.exp(x))), TABLE);
        // PyTorch 1.13, float64: F.mish(torch.tensor([-10., -5., -1., .5, 3.]))
        assertPyTorch(activation("mish"), new float[] {-10f, -5f, -1f, 0.5f, 3f}, -0.00045398899185674697,
                -0.033576237730161704, -0.30340146137410895, 0.3752452113048951, 2.9865350049679575);
    }

    @Test
    void softplus() {
        assertClosedForm(activation("softplus"), x -> x > 20 ? x : Math.log1p(Math.exp(x)), TABLE);
        assertClosedForm(activation("softplus", "beta", 2.0, "threshold", 10.0),
                x -> 2 * x > 10 ? x : Math.log1p(Math.exp(2 * x)) / 2, TABLE);
        // PyTorch 1.13, float64: F.softplus(torch.tensor([100., -100., 20., 20.5]))
        assertPyTorch(activation("softplus"), new float[] {100f, -100f, 20f, 20.5f},
                100.0, 3.720075976020836e-44, 20.000000002061153, 20.5);
    }

    @Test
    void softsign() {
        assertClosedForm(activation("softsign"), x -> x / (1 + Math.abs(x)), TABLE);
    }

    @Test
    void hardtanh() {
        assertClosedForm(activation("hardtanh"), x -> Math.min(Math.max(x, -1), 1), TABLE);
        assertClosedForm(activation("hardtanh", "minVal", -2.0, "maxVal", 3.0), x -> Math.min(Math.max(x, -2), 3), TABLE);
    }

    @Test
    void relu6() {
        assertClosedForm(activation("relu6"), x -> Math.min(Math.max(x, 0), 6), TABLE);
    }

    @Test
    void hardsigmoid() {
        assertClosedForm(activation("hardsigmoid"), x -> Math.min(Math.max(x + 3, 0), 6) / 6, TABLE);
    }

    @Test
    void hardswish() {
        assertClosedForm(activation("hardswish"), x -> x * Math.min(Math.max(x + 3, 0), 6) / 6, TABLE);
    }

    /** Agreement with PyTorch's float64 values to float32 rounding: same definition, same constants. */
    private static void assertPyTorch(Activation a, float[] x, double... expected) {
        float[] y = forward(a, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], y[i], Math.ulp((float) expected[i]), a + "(" + x[i] + ") against PyTorch");
        }
    }

    /**
     * erfc in double, independent of the production code: the all-positive series
     * erf(z) = 2/√π·e^{−z²}·Σ (2z²)ⁿ z/(1·3···(2n+1)) for |z| ≤ 2.5, else the continued fraction
     * erfc(z) = e^{−z²}/√π / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))) evaluated backwards from 300 terms.
     */
    static double erfc(double z) {
        if (z < -2.5) {
            return 2 - erfc(-z);
        }
        if (z <= 2.5) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 200; n++) {
                term *= 2 * z * z / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
        }
        double k = 0;
        for (int n = 300; n >= 1; n--) {
            k = (n / 2.0) / (z + k);
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + k);
    }
}
