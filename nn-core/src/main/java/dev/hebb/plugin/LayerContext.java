package dev.hebb.plugin;

import java.util.random.RandomGenerator;

/**
 * What a layer needs from the model being built: the per-sample shape of its input (without the batch
 * dimension), the seeded generator for weight initialisation, and the registry to look up activations.
 *
 * @param inputShape the shape of one input sample, e.g. {@code [784]} or {@code [1, 28, 28]}
 * @param random     the model's seeded generator; layers draw their initial weights from it in order
 * @param registry   the plugin registry
 */
public record LayerContext(int[] inputShape, RandomGenerator random, PluginRegistry registry) {

    /** Copies the shape so the context stays immutable. */
    public LayerContext {
        inputShape = inputShape.clone();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }
}
