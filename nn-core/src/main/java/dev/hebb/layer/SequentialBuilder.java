package dev.hebb.layer;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link Sequential} model layer by layer, by plugin name, as a JSON config does:
 *
 * <pre>{@code
 * Sequential model = Sequential.builder(Plugins.registry(), new SplittableRandom(42), 64)
 *         .dense(128, "relu")          // Linear(64, 128), ReLU
 *         .dense(10)                   // Linear(128, 10)
 *         .build();
 * }</pre>
 *
 * <p>Each layer is created when it is added, from the output shape of the layers before it, drawing its
 * initial weights from the builder's random generator in order; so the same seed and the same calls give
 * the same weights as the equivalent config. {@code dense(units, activation)} adds two layers, a dense layer
 * and an activation layer, exactly as the config's {@code "activation"} shorthand does, so parameter names
 * ({@code 0.weight}, {@code 2.weight}, ...) are those of PyTorch's {@code nn.Sequential}.
 */
public final class SequentialBuilder {

    private final PluginRegistry registry;
    private final RandomGenerator random;
    private final int[] inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private int[] shape;

    SequentialBuilder(PluginRegistry registry, RandomGenerator random, int... inputShape) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.random = Objects.requireNonNull(random, "random");
        this.inputShape = Sequential.checkInputShape(inputShape);
        this.shape = inputShape.clone();
    }

    /** Adds the layer plugin {@code type} (e.g. {@code "dense"}) with the given hyperparameters. */
    public SequentialBuilder layer(String type, Hyperparameters hyperparameters) {
        return add(registry.layer(type, hyperparameters, new LayerContext(shape, random, registry)));
    }

    /**
     * Adds a layer made elsewhere; it must accept the current output shape.
     *
     * @throws IllegalArgumentException naming the layer's index and type when it cannot take that shape
     */
    public SequentialBuilder add(Layer layer) {
        int[] next;
        try {
            next = layer.outputShape(shape);
        } catch (IllegalArgumentException e) {
            // As new Sequential(...) says it, so that a model built either way reports the same place.
            throw new IllegalArgumentException("layer " + layers.size() + " (" + layer.type() + "): " + e.getMessage(), e);
        }
        layers.add(layer);
        shape = next;
        return this;
    }

    /** Adds a dense layer of {@code units} outputs with PyTorch's default initialisation and a bias. */
    public SequentialBuilder dense(int units) {
        return layer("dense", Hyperparameters.of("units", units));
    }

    /**
     * Adds a dense layer of {@code units} outputs followed by the activation plugin {@code activation}. An unknown
     * activation fails before the dense layer is added, so the builder is left as it was.
     */
    public SequentialBuilder dense(int units, String activation) {
        // Checked first: else a misspelt name left the dense layer added (and its weights drawn), and the
        // corrected call then added a second one, a model with an extra layer and no error.
        registry.activationProvider(activation).checkHyperparameters(Hyperparameters.empty(), registry);
        return dense(units).activation(activation);
    }

    /** Adds the activation plugin {@code name} with its default hyperparameters. */
    public SequentialBuilder activation(String name) {
        return activation(name, Hyperparameters.empty());
    }

    /** Adds the activation plugin {@code name} with the given hyperparameters (e.g. {@code negativeSlope}). */
    public SequentialBuilder activation(String name, Hyperparameters hyperparameters) {
        return layer("activation", hyperparameters.with("name", name));
    }

    /** The per-sample output shape of the layers added so far. */
    public int[] outputShape() {
        return shape.clone();
    }

    /** The model of the layers added so far. */
    public Sequential build() {
        return new Sequential(inputShape, layers);
    }
}
