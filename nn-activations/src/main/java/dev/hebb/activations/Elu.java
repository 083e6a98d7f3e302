package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * The exponential linear unit, {@code elu}: {@code f(x) = x if x > 0 else α(e^x − 1)},
 * {@code f'(x) = 1 if x > 0 else α·e^x}, with {@code α = alpha} ≥ 0 (default 1). The subgradient at 0 is
 * α, as in PyTorch. (PyTorch accepts a negative α; it makes the function non-monotonic, so it is rejected.)
 */
public final class Elu extends ExponentialLinear implements ActivationProvider {

    private final double alpha;

    /** The provider instance ServiceLoader creates; also a ready activation with α = 1. */
    public Elu() {
        this(1.0);
    }

    private Elu(double alpha) {
        super("elu", 1, Checks.nonNegative("elu", "alpha", alpha), 1);
        this.alpha = alpha;
    }

    @Override
    public String description() {
        return "exponential linear unit, f(x) = x if x > 0 else alpha * (exp(x) - 1)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("alpha", 1.0, "value approached for x -> -inf is -alpha; >= 0"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Elu(hyperparameters.getDouble("alpha", 1.0));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("alpha", alpha);
    }
}
