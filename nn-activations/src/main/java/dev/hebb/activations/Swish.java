package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code swish}, another name for {@link Silu}: {@code f(x) = x·σ(x)}. The activation it creates is named
 * {@code silu}, so a model saved after asking for {@code swish} refers to the canonical name.
 */
public final class Swish implements ActivationProvider {

    @Override
    public String name() {
        return "swish";
    }

    @Override
    public String description() {
        return "swish (the same function as silu), f(x) = x * sigmoid(x)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Silu();
    }
}
