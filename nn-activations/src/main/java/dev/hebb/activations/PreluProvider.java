package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * Publishes {@link Prelu} as {@code prelu}: {@code f(x) = x if x > 0 else a·x} with learnable slopes
 * {@code a} (PyTorch's {@code weight}). A separate class because every PReLU owns its own slopes.
 */
public final class PreluProvider implements ActivationProvider {

    @Override
    public String name() {
        return "prelu";
    }

    @Override
    public String description() {
        return "parametric ReLU, f(x) = x if x > 0 else weight * x, with a learnable weight per feature or shared";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.integer("numParameters", 1, "number of slopes: 1 (shared) or the number of features"),
                HyperparameterSpec.number("init", 0.25, "initial value of every slope"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Prelu(hyperparameters.getInt("numParameters", 1), hyperparameters.getDouble("init", 0.25));
    }
}
