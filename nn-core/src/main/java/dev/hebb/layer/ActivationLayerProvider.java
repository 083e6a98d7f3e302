package dev.hebb.layer;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.plugin.PluginRegistry;
import java.util.List;

/**
 * The {@code activation} layer plugin: an {@link ActivationLayer} applying the activation named by
 * {@code name}, looked up in the context's registry. Every other key is that activation's own
 * hyperparameter: {@code {"name": "leaky_relu", "negativeSlope": 0.1}}.
 */
public final class ActivationLayerProvider implements LayerProvider {

    private static final List<HyperparameterSpec> HYPERPARAMETERS = List.of(
            HyperparameterSpec.required("name", HyperparameterSpec.Type.STRING,
                    "the activation's registered name; its own hyperparameters go beside it"));

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public String description() {
        return "Applies a registered activation y = f(x); keys other than 'name' configure that activation.";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return HYPERPARAMETERS;
    }

    /** Checks that {@code name} is given as a string; the other keys belong to the named activation. */
    @Override
    public void checkHyperparameters(Hyperparameters hyperparameters) {
        if (!hyperparameters.has("name")) {
            throw new IllegalArgumentException("activation layer needs hyperparameter 'name' (the activation, e.g. 'relu')"
                    + (hyperparameters.isEmpty() ? "" : "; it got " + hyperparameters.keys()));
        }
        hyperparameters.getString("name", null);
    }

    /**
     * Checks {@code name}, then validates every other key through the named activation's provider, so a
     * config is checked completely before any layer is built.
     */
    @Override
    public void checkHyperparameters(Hyperparameters hyperparameters, PluginRegistry registry) {
        checkHyperparameters(hyperparameters);
        String name = hyperparameters.getString("name", null);
        registry.activationProvider(name).checkHyperparameters(hyperparameters.without("name"), registry);
    }

    @Override
    public Layer create(Hyperparameters hyperparameters, LayerContext context) {
        if (context.registry() == null) {
            throw new IllegalArgumentException("activation layer needs a plugin registry in its LayerContext to find '"
                    + hyperparameters.getString("name", null) + "'");
        }
        String name = hyperparameters.getString("name", null);
        return new ActivationLayer(context.registry().activation(name, hyperparameters.without("name")),
                context.inputShape());
    }
}
