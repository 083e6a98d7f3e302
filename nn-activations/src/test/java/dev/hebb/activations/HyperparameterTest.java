package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.REGISTRY;
import static dev.hebb.activations.ActivationTesting.activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.plugin.Hyperparameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** PyTorch's names and defaults, and bad values rejected at construction with the activation and parameter named. */
class HyperparameterTest {

    @Test
    void namesAndDefaultsAreTorchNnsCamelCased() {
        assertEquals(List.of("negativeSlope=0.01"), specs("leaky_relu"));
        assertEquals(List.of("numParameters=1", "init=0.25"), specs("prelu"));
        assertEquals(List.of("alpha=1.0"), specs("elu"));
        assertEquals(List.of("alpha=1.0"), specs("celu"));
        assertEquals(List.of("approximate=none"), specs("gelu"));
        assertEquals(List.of("beta=1.0", "threshold=20.0"), specs("softplus"));
        assertEquals(List.of("minVal=-1.0", "maxVal=1.0"), specs("hardtanh"));
        assertEquals(List.of(), specs("selu"));
    }

    @Test
    void theCreatedActivationReportsTheDefaults() {
        assertEquals(Hyperparameters.of("beta", 1.0, "threshold", 20.0), activation("softplus").hyperparameters());
        assertEquals(Hyperparameters.of("numParameters", 1, "init", 0.25), activation("prelu").hyperparameters());
    }

    @Test
    void eluRejectsANegativeAlpha() {
        assertFails("elu: hyperparameter 'alpha' must be ≥ 0, got -1.0", () -> activation("elu", "alpha", -1.0));
    }

    @Test
    void celuRejectsAZeroAlpha() {
        assertFails("celu: hyperparameter 'alpha' must be > 0, got 0.0", () -> activation("celu", "alpha", 0.0));
    }

    @Test
    void softplusRejectsANonPositiveBetaAndAnInfiniteThreshold() {
        assertFails("softplus: hyperparameter 'beta' must be > 0, got -1.0", () -> activation("softplus", "beta", -1.0));
        assertFails("softplus: hyperparameter 'threshold' must be a finite number, got Infinity",
                () -> activation("softplus", "threshold", Double.POSITIVE_INFINITY));
    }

    @Test
    void geluRejectsAnUnknownApproximation() {
        assertFails("gelu: hyperparameter 'approximate' must be \"none\" or \"tanh\", got \"fast\"",
                () -> activation("gelu", "approximate", "fast"));
    }

    @Test
    void hardtanhRejectsBoundsInTheWrongOrder() {
        assertFails("hardtanh: hyperparameter 'maxVal' must be greater than minVal (2.0), got 1.0",
                () -> activation("hardtanh", "minVal", 2.0, "maxVal", 1.0));
    }

    @Test
    void leakyReluRejectsANanSlope() {
        assertFails("leaky_relu: hyperparameter 'negativeSlope' must be a finite number, got NaN",
                () -> activation("leaky_relu", "negativeSlope", Double.NaN));
    }

    @Test
    void preluRejectsZeroSlopesAndANonWholeCount() {
        assertFails("prelu: hyperparameter 'numParameters' must be at least 1 (one shared slope) or the number of"
                + " features, got 0", () -> activation("prelu", "numParameters", 0));
        assertFails("prelu: hyperparameter 'numParameters' must be a whole number, but is '2.5'",
                () -> activation("prelu", "numParameters", 2.5));
    }

    private static List<String> specs(String name) {
        return REGISTRY.activationProvider(name).hyperparameterSpecs().stream()
                .map(spec -> spec.name() + "=" + spec.defaultValue())
                .toList();
    }

    private static void assertFails(String message, Executable creation) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, creation).getMessage());
    }
}
