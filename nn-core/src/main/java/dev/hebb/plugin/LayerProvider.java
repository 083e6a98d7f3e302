package dev.hebb.plugin;

import dev.hebb.layer.Layer;

/**
 * Publishes a {@link Layer} type under a name ({@code dense}, {@code activation}, ...). List the
 * implementing class in {@code META-INF/services/dev.hebb.plugin.LayerProvider} and configs can use it.
 */
public interface LayerProvider extends PluginProvider {

    /**
     * A new layer configured by {@code hyperparameters}, for inputs of the per-sample shape in
     * {@code context}.
     *
     * @throws IllegalArgumentException naming the layer and the parameter when a value is invalid
     */
    Layer create(Hyperparameters hyperparameters, LayerContext context);
}
