package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The scaled exponential linear unit, {@code selu} (Klambauer et al., 2017):
 * {@code f(x) = λ·x if x > 0 else λ·α(e^x − 1)}, {@code f'(x) = λ if x > 0 else λ·α·e^x}, with the fixed
 * constants α = 1.6732632423543772 and λ = 1.0507009873554805 (PyTorch's). The subgradient at 0 is λ·α,
 * as in PyTorch.
 */
public final class Selu extends ExponentialLinear implements ActivationProvider {

    /** α of the self-normalising fixed point. */
    public static final double ALPHA = 1.6732632423543772848170429916717;
    /** λ (PyTorch's {@code scale}) of the self-normalising fixed point. */
    public static final double SCALE = 1.0507009873554804934193349852946;

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Selu() {
        super("selu", SCALE, ALPHA, 1);
    }

    @Override
    public String description() {
        return "scaled exponential linear unit, f(x) = scale * (x if x > 0 else alpha * (exp(x) - 1)),"
                + " alpha = 1.6732632423543772, scale = 1.0507009873554805";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Selu();
    }
}
