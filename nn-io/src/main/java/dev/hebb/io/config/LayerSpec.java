package dev.hebb.io.config;

import dev.hebb.plugin.Hyperparameters;
import java.util.Objects;

/**
 * One layer of the expanded layer list: its type (a layer plugin name), its hyperparameters and where it
 * was written ({@code model.layers[0]}, or {@code model.layers[0].activation} for an activation given
 * as shorthand inside another layer).
 *
 * @param type            the layer plugin's name ({@code dense}, {@code activation}, ...)
 * @param hyperparameters the keys the plugin receives
 * @param path            the JSON path of the object
 */
public record LayerSpec(String type, Hyperparameters hyperparameters, String path) {

    /** Checks for nulls. */
    public LayerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(path, "path");
    }
}
