package dev.hebb.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hebb.activation.Activation;
import dev.hebb.gradcheck.GradientCheck;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Shared helpers: every activation is created through the registry by name, as a user would. */
final class ActivationTesting {

    /** Built once: it scans the class path. */
    static final PluginRegistry REGISTRY = Plugins.registry();

    /** The gradient check's relative step: h = STEP·max(1, |x|). */
    static final double STEP = 3e-3;

    /**
     * The gradient check used here. With h = 3e-3·max(1, |x|) the truncation error h²·f'''/6 stays near 1e-6
     * absolute for these functions (GELU near −3 is the worst; the default step 1e-2 would give 1.1e-5 there,
     * 1.1e-3 relative to the error floor of 1e-2), and float32 rounding of the two forward values adds at most
     * one ulp of y over 2h, below 1e-5·|y|/max(1, |x|).
     */
    static final GradientCheck CHECK = GradientCheck.defaults().withStep(STEP);

    /**
     * Gradient-check tolerance, max relative error (floor 1e-2): both error sources above stay below 5e-4
     * relative, while a wrong constant, sign or branch in a derivative is off by far more than 1e-3.
     */
    static final double GRADIENT_TOLERANCE = 1e-3;

    private ActivationTesting() {
    }

    static Activation activation(String name, Object... hyperparameters) {
        return REGISTRY.activation(name, Hyperparameters.of(hyperparameters));
    }

    static float[] forward(Activation a, float... x) {
        Tensor y = Tensor.zeros(x.length);
        a.forward(Tensor.of(x.clone(), x.length), y);
        return y.data();
    }

    /** The derivative at each point: backward with dy = 1, one element per sample. */
    static float[] derivative(Activation a, float... x) {
        Tensor in = Tensor.of(x.clone(), x.length);
        Tensor y = Tensor.zeros(x.length);
        a.forward(in, y);
        Tensor dx = Tensor.full(Float.NaN, x.length);
        a.backward(in, y, Tensor.full(1f, x.length), dx);
        return dx.data();
    }

    /**
     * Points for a gradient check: the far tails (±30), points 2.5h and 6h on either side of every kink
     * (h being the check's step there, so the difference quotient never straddles a kink), and uniform
     * random points in [-6, 6] (a multiple of 6 points in all) that are at least 2h from every kink.
     */
    static float[] gradientCheckPoints(long seed, double... kinks) {
        float[] fixed = {-30f, -29.25f, -12f, 12f, 29.5f, 30f};
        int nearKinks = 4 * kinks.length;
        // A multiple of 6 in all, so that the points fill rows of 6.
        float[] out = new float[fixed.length + nearKinks + 30 + (6 - nearKinks % 6) % 6];
        System.arraycopy(fixed, 0, out, 0, fixed.length);
        int n = fixed.length;
        for (double k : kinks) {
            double h = STEP * Math.max(1, Math.abs(k));
            for (double m : new double[] {-6, -2.5, 2.5, 6}) {
                out[n++] = (float) (k + m * h);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        while (n < out.length) {
            float v = (float) (random.nextDouble() * 12 - 6);
            double h = STEP * Math.max(1, Math.abs(v));
            boolean nearKink = false;
            for (double k : kinks) {
                nearKink |= Math.abs(v - k) < 2 * h;
            }
            if (!nearKink) {
                out[n++] = v;
            }
        }
        return out;
    }

    static void assertGradientMatches(Activation a, Tensor x) {
        GradientCheck.Result r = CHECK.checkActivation(a, x);
        assertTrue(r.passes(GRADIENT_TOLERANCE), a + ": " + r);
    }

    /**
     * Asserts that f(x) is the float32 rounding of the closed form evaluated in double: within one float32
     * ulp of it (the rounding itself is half an ulp; the other half allows for the last bits of the double
     * evaluation of either side).
     */
    static void assertClosedForm(Activation a, DoubleUnaryOperator closedForm, float... x) {
        assertClosedForm(a, closedForm, 1, x);
    }

    /** As {@link #assertClosedForm(Activation, DoubleUnaryOperator, float...)}, within {@code ulps} float32 ulps. */
    static void assertClosedForm(Activation a, DoubleUnaryOperator closedForm, int ulps, float... x) {
        float[] y = forward(a, x);
        for (int i = 0; i < x.length; i++) {
            double expected = closedForm.applyAsDouble(x[i]);
            assertTrue(Float.isFinite(y[i]), a + "(" + x[i] + ") = " + y[i]);
            float rounded = (float) expected;
            double tolerance = ulps * (double) Math.ulp(rounded);
            if (Math.abs(y[i] - expected) > tolerance) {
                fail(a + "(" + x[i] + ") = " + y[i] + ", closed form " + expected + " (tolerance " + tolerance + ")");
            }
        }
    }

    /** Asserts the derivative (backward with dy = 1) at each point equals {@code expected} to float32 rounding. */
    static void assertDerivatives(Activation a, float[] x, double... expected) {
        float[] d = derivative(a, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], d[i], Math.ulp((float) expected[i]),
                    a + "'(" + x[i] + ")");
        }
    }
}
