package dev.hebb.io.config;

import dev.hebb.plugin.Hyperparameters;
import java.util.Objects;

/**
 * A configured plugin: its registered name, its hyperparameters (the JSON object's other keys) and where
 * it was written, for error messages.
 *
 * @param name            the plugin's registered name ({@code adam}, {@code cross_entropy}, ...)
 * @param hyperparameters the keys the plugin receives
 * @param path            the JSON path of the object, e.g. {@code optimizer}
 */
public record PluginSpec(String name, Hyperparameters hyperparameters, String path) {

    /** Checks for nulls. */
    public PluginSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(path, "path");
    }
}
