package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * The continuously differentiable exponential linear unit, {@code celu} (Barron, 2017):
 * {@code f(x) = max(0, x) + min(0, α(e^{x/α} − 1))}, {@code f'(x) = 1 if x > 0 else e^{x/α}}, with
 * {@code α = alpha} &gt; 0 (default 1); the derivative is continuous, 1 at 0.
 */
public final class Celu extends ExponentialLinear implements ActivationProvider {

    private final double alpha;

    /** The provider instance ServiceLoader creates; also a ready activation with α = 1. */
    public Celu() {
        this(1.0);
    }

    private Celu(double alpha) {
        super("celu", 1, Checks.positive("celu", "alpha", alpha), 1 / alpha);
        this.alpha = alpha;
    }

    @Override
    public String description() {
        return "continuously differentiable ELU, f(x) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("alpha", 1.0, "scale of the negative part; > 0"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Celu(hyperparameters.getDouble("alpha", 1.0));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("alpha", alpha);
    }
}
