package dev.hebb.plugin;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import java.util.List;

/**
 * Publishes an {@link Optimizer} under a name. List the implementing class in
 * {@code META-INF/services/dev.hebb.plugin.OptimizerProvider} and it is found by name.
 */
public interface OptimizerProvider extends PluginProvider {

    /**
     * A new optimizer over {@code parameters}, configured by {@code hyperparameters}.
     *
     * @throws IllegalArgumentException naming the optimizer and the parameter when a value is invalid
     */
    Optimizer create(List<Parameter> parameters, Hyperparameters hyperparameters);
}
