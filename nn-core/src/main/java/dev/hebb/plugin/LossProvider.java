package dev.hebb.plugin;

import dev.hebb.loss.Loss;

/**
 * Publishes a {@link Loss} under a name. List the implementing class in
 * {@code META-INF/services/dev.hebb.plugin.LossProvider} and it is found by name.
 */
public interface LossProvider extends PluginProvider {

    /**
     * A new loss configured by {@code hyperparameters}.
     *
     * @throws IllegalArgumentException naming the loss and the parameter when a value is invalid
     */
    Loss create(Hyperparameters hyperparameters);
}
