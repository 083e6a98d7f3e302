package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * ReLU6, {@code relu6}: {@code f(x) = min(max(0, x), 6)}, {@code f'(x) = 1 if 0 < x < 6 else 0}
 * (0 at both 0 and 6: PyTorch computes it as hardtanh(x, 0, 6)).
 */
public final class Relu6 extends Clamp implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Relu6() {
        super("relu6", 0f, 6f);
    }

    @Override
    public String description() {
        return "ReLU capped at 6, f(x) = min(max(0, x), 6)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Relu6();
    }
}
