package dev.hebb.plugin;

import dev.hebb.activation.Activation;

/**
 * Publishes an {@link Activation} under a name. List the implementing class in
 * {@code META-INF/services/dev.hebb.plugin.ActivationProvider} and it is found by name.
 */
public interface ActivationProvider extends PluginProvider {

    /**
     * A new activation configured by {@code hyperparameters} (only declared keys are passed).
     *
     * @throws IllegalArgumentException naming the activation and the parameter when a value is invalid
     */
    Activation create(Hyperparameters hyperparameters);
}
