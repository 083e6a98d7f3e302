package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * Hard tanh, {@code hardtanh}: {@code f(x) = min(max(x, minVal), maxVal)},
 * {@code f'(x) = 1 if minVal < x < maxVal else 0} (0 at both bounds, as in PyTorch). Defaults −1 and 1;
 * {@code minVal < maxVal}, both finite.
 */
public final class Hardtanh extends Clamp implements ActivationProvider {

    private final double minVal;
    private final double maxVal;

    /** The provider instance ServiceLoader creates; also a ready activation on [−1, 1]. */
    public Hardtanh() {
        this(-1.0, 1.0);
    }

    private Hardtanh(double minVal, double maxVal) {
        super("hardtanh", (float) checked(minVal, maxVal), (float) maxVal);
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    private static double checked(double minVal, double maxVal) {
        Checks.finite("hardtanh", "minVal", minVal);
        Checks.finite("hardtanh", "maxVal", maxVal);
        if (!((float) minVal < (float) maxVal)) {
            throw Checks.invalid("hardtanh", "maxVal", "greater than minVal (" + minVal + ")", maxVal);
        }
        return minVal;
    }

    @Override
    public String description() {
        return "hard tanh, f(x) = min(max(x, minVal), maxVal)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.number("minVal", -1.0, "lower bound of the output"),
                HyperparameterSpec.number("maxVal", 1.0, "upper bound of the output; greater than minVal"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Hardtanh(hyperparameters.getDouble("minVal", -1.0), hyperparameters.getDouble("maxVal", 1.0));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("minVal", minVal, "maxVal", maxVal);
    }
}
