package dev.hebb.examples;

import dev.hebb.layer.Dense;
import dev.hebb.layer.Sequential;
import dev.hebb.layer.SequentialBuilder;
import dev.hebb.plugin.PluginRegistry;
import java.util.random.RandomGenerator;

/**
 * Builds a multilayer perceptron in code: {@link Dense} layers with PyTorch's default initialisation,
 * each but the last followed by an activation found by name in the registry. The result is the
 * {@code torch.nn.Sequential} of the same layers, parameter names included ({@code 0.weight},
 * {@code 0.bias}, {@code 2.weight}, ...).
 *
 * <pre>{@code
 * Sequential model = Mlp.of(registry, new SplittableRandom(7), "relu", 64, 128, 10); // 64 → 128 → 10
 * }</pre>
 */
public final class Mlp {

    private Mlp() {
    }

    /**
     * A network taking {@code sizes[0]} inputs through layers of {@code sizes[1..]} units, with
     * {@code activation} after every layer but the last (whose outputs are the logits or values).
     *
     * @param random draws the initial weights, layer by layer
     * @throws IllegalArgumentException when fewer than two sizes are given or the activation is unknown
     */
    public static Sequential of(PluginRegistry registry, RandomGenerator random, String activation, int... sizes) {
        return of(registry, random, activation, null, sizes);
    }

    /**
     * As {@link #of(PluginRegistry, RandomGenerator, String, int...)}, with {@code output} (e.g.
     * {@code "sigmoid"}) after the last layer too, or nothing there when it is {@code null}.
     */
    public static Sequential of(PluginRegistry registry, RandomGenerator random, String activation, String output,
                                int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input size and at least one layer size, got "
                    + sizes.length + " size(s)");
        }
        SequentialBuilder builder = Sequential.builder(registry, random, sizes[0]);
        for (int i = 1; i < sizes.length; i++) {
            builder.dense(sizes[i]);
            String after = i < sizes.length - 1 ? activation : output;
            if (after != null) {
                builder.activation(after);
            }
        }
        return builder.build();
    }
}
