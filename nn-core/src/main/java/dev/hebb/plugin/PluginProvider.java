package dev.hebb.plugin;

import java.util.List;

/**
 * What every plugin provider has: a stable name and the hyperparameters it accepts.
 *
 * <p>The name is a snake_case id ({@code leaky_relu}, {@code cross_entropy}); the same string appears
 * in JSON configs, on the command line and in saved models, so it must never change once published.
 *
 * <p>A provider rejects a bad value (in {@code checkHyperparameters} or {@code create}) with an
 * {@link IllegalArgumentException} whose message names the key in one of two forms, so that a config's error
 * points at the key itself ({@code model.layers[1].eps: ...}) rather than at the whole plugin entry: either
 * {@code "hyperparameter 'eps' must be ..."} anywhere in the message, or the plugin's name, a colon and the key
 * at its start, {@code "layer_norm: eps must be ..."}. The registry's key checks and the typed getters of
 * {@link Hyperparameters} write the first form.
 */
public interface PluginProvider {

    /** The stable snake_case id of the plugin. */
    String name();

    /** One sentence describing the plugin, with its formula where it has one. */
    default String description() {
        return "";
    }

    /**
     * The hyperparameters the plugin accepts, with defaults; keys outside this list are rejected.
     * (Named apart from {@code Activation.hyperparameters()}, the configured values, so that one class
     * may be both the provider and the plugin it provides.)
     */
    default List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of();
    }

    /**
     * Rejects keys not declared by {@link #hyperparameterSpecs()} and missing required keys, with a message
     * such as "leaky_relu has no hyperparameter 'slope'; known: negativeSlope". The registry calls this
     * before {@code create}; a provider that forwards keys to another plugin overrides it.
     *
     * @throws IllegalArgumentException naming the plugin and the key
     */
    default void checkHyperparameters(Hyperparameters hyperparameters) {
        PluginRegistry.checkKeys(this, hyperparameters);
    }

    /**
     * The check the registry runs before {@code create}: by default {@link #checkHyperparameters(Hyperparameters)}.
     * A provider that forwards keys to another plugin (the {@code activation} layer forwards all but
     * {@code name} to the named activation) overrides this to validate them through that plugin's provider.
     *
     * @throws IllegalArgumentException naming the plugin and the key
     */
    default void checkHyperparameters(Hyperparameters hyperparameters, PluginRegistry registry) {
        checkHyperparameters(hyperparameters);
    }
}
