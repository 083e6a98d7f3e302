package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.REGISTRY;
import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertGradientMatches;
import static dev.hebb.activations.ActivationTesting.gradientCheckPoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The properties every activation of the module has, checked for each one by name through the registry. */
class EveryActivationTest {

    /** Every activation this module ships, with the points where its derivative jumps (default hyperparameters). */
    private static final Map<String, double[]> KINKS = new TreeMap<>(Map.ofEntries(
            Map.entry("identity", new double[0]),
            Map.entry("sigmoid", new double[0]),
            Map.entry("tanh", new double[0]),
            Map.entry("relu", new double[] {0}),
            Map.entry("leaky_relu", new double[] {0}),
            Map.entry("prelu", new double[] {0}),
            Map.entry("elu", new double[] {0}),
            Map.entry("selu", new double[] {0}),
            Map.entry("celu", new double[] {0}),
            Map.entry("gelu", new double[0]),
            Map.entry("silu", new double[0]),
            Map.entry("swish", new double[0]),
            Map.entry("mish", new double[0]),
            Map.entry("softplus", new double[] {20}),
            Map.entry("softsign", new double[] {0}),
            Map.entry("hardtanh", new double[] {-1, 1}),
            Map.entry("hardsigmoid", new double[] {-3, 3}),
            Map.entry("hardswish", new double[] {-3, 3}),
            Map.entry("relu6", new double[] {0, 6}),
            Map.entry("softmax", new double[0]),
            Map.entry("log_softmax", new double[0])));

    /** Non-default configurations, with their kinks. */
    static Stream<Arguments> configured() {
        return Stream.of(
                Arguments.of("leaky_relu", Hyperparameters.of("negativeSlope", 0.2), new double[] {0}),
                Arguments.of("leaky_relu", Hyperparameters.of("negativeSlope", -0.5), new double[] {0}),
                Arguments.of("elu", Hyperparameters.of("alpha", 2.0), new double[] {0}),
                Arguments.of("elu", Hyperparameters.of("alpha", 0.0), new double[] {0}),
                Arguments.of("celu", Hyperparameters.of("alpha", 0.5), new double[] {0}),
                Arguments.of("gelu", Hyperparameters.of("approximate", "tanh"), new double[0]),
                Arguments.of("softplus", Hyperparameters.of("beta", 2.0, "threshold", 10.0), new double[] {5}),
                Arguments.of("softplus", Hyperparameters.of("beta", 0.5), new double[] {40}),
                Arguments.of("hardtanh", Hyperparameters.of("minVal", -2.0, "maxVal", 3.0), new double[] {-2, 3}),
                Arguments.of("prelu", Hyperparameters.of("init", -0.75), new double[] {0}));
    }

    static Stream<String> names() {
        return KINKS.keySet().stream();
    }

    /** All but softmax and log_softmax, whose gradient check needs rows of their own (see {@link SoftmaxTest}). */
    static Stream<String> elementwiseNames() {
        return names().filter(name -> !name.endsWith("softmax"));
    }

    @Test
    void theRegistryFindsEveryActivationOfTheModuleByName() {
        assertEquals(KINKS.keySet(), REGISTRY.activations().keySet());
    }

    @ParameterizedTest
    @MethodSource("elementwiseNames")
    void gradientMatchesFiniteDifferencesOnRandomPointsNearKinksAndInTheTails(String name) {
        float[] points = gradientCheckPoints(name.hashCode(), KINKS.get(name));
        assertGradientMatches(activation(name), Tensor.of(points, points.length / 6, 6));
    }

    @ParameterizedTest
    @MethodSource("configured")
    void gradientMatchesFiniteDifferencesWithOtherHyperparameters(String name, Hyperparameters h, double[] kinks) {
        float[] points = gradientCheckPoints(h.hashCode(), kinks);
        assertGradientMatches(REGISTRY.activation(name, h), Tensor.of(points, points.length / 6, 6));
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyFiniteInputGivesAFiniteOutputAndGradient(String name) {
        float big = Float.MAX_VALUE;
        float[] sweep = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f,
            1f, -1f, 3f, -3f, 6f, 20f, -20f, 30f, -30f, 88f, -88f, 89f, -89f, 100f, -100f, 710f, -710f, 1000f, -1000f,
            1e10f, -1e10f, 1e20f, -1e20f, 1e30f, -1e30f, 1e38f, -1e38f, big / 2, -big / 2, big, -big};
        Activation a = activation(name);
        Tensor x = Tensor.of(sweep.clone(), 1, sweep.length);
        Tensor y = Tensor.zeros(1, sweep.length);
        a.forward(x, y);
        Tensor dx = Tensor.zeros(1, sweep.length);
        a.backward(x, y, Tensor.full(1f, 1, sweep.length), dx);
        for (int i = 0; i < sweep.length; i++) {
            assertTrue(Float.isFinite(y.data()[i]), name + "(" + sweep[i] + ") = " + y.data()[i]);
            assertTrue(Float.isFinite(dx.data()[i]), name + "'(" + sweep[i] + ") = " + dx.data()[i]);
        }
        // One sample per row too, so that softmax sees each value alone.
        Tensor column = Tensor.of(sweep.clone(), sweep.length, 1);
        Tensor yc = Tensor.zeros(sweep.length, 1);
        a.forward(column, yc);
        for (int i = 0; i < sweep.length; i++) {
            assertTrue(Float.isFinite(yc.data()[i]), name + "(" + sweep[i] + ") = " + yc.data()[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void backwardOverwritesTheInputGradientInsteadOfAccumulating(String name) {
        Activation a = activation(name);
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0.5f, 2f}, 1, 4);
        Tensor y = Tensor.zeros(1, 4);
        a.forward(x, y);
        Tensor dy = Tensor.of(new float[] {0.3f, -1f, 0.7f, 2f}, 1, 4);
        Tensor fresh = Tensor.zeros(1, 4);
        a.backward(x, y, dy, fresh);
        Tensor dirty = Tensor.full(123f, 1, 4);
        a.backward(x, y, dy, dirty);
        assertEquals(java.util.Arrays.toString(fresh.data()), java.util.Arrays.toString(dirty.data()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void aMismatchedOutputShapeFailsNamingTheActivation(String name) {
        Activation a = activation(name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.forward(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith(a.name() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("names")
    void itsHyperparametersRecreateAnEqualActivation(String name) {
        Activation a = activation(name);
        Activation again = REGISTRY.activation(a.name(), a.hyperparameters());
        assertEquals(a.hyperparameters(), again.hyperparameters());
        // Every declared hyperparameter is reported, defaults included, so saved models are explicit.
        ActivationProvider p = REGISTRY.activationProvider(name);
        assertEquals(p.hyperparameterSpecs().size(), a.hyperparameters().keys().size(), name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void itsDescriptionGivesTheFormula(String name) {
        String description = REGISTRY.activationProvider(name).description();
        assertFalse(description.isBlank());
        assertTrue(description.contains("f(x)"), description);
    }

    @ParameterizedTest
    @MethodSource("names")
    void unknownHyperparametersAreRejectedByName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REGISTRY.activation(name, Hyperparameters.of("bogus", 1)));
        assertTrue(e.getMessage().startsWith(name + " has no hyperparameter 'bogus'"), e.getMessage());
    }
}
