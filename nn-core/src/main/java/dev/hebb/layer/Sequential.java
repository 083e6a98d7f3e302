package dev.hebb.layer;

import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Layers applied in order, as PyTorch's {@code nn.Sequential}. Parameters are named by layer index
 * and local name ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}), exactly as {@code state_dict()}
 * names them, so weights move between the two frameworks unchanged. Buffers (see {@link Layer#buffers()}) are
 * named the same way ({@code 1.running_mean}); {@link #stateDict()} gives both, as what a model saves.
 *
 * <p>Not thread-safe: its layers keep their last input and reuse their output buffers from call to call, so
 * one instance serves one thread at a time. To serve predictions from several threads, give each thread its
 * own model, or share a {@code SavedModel} (module nn-io), whose {@code predict} takes turns.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    private final int[] inputShape;
    /**
     * {@code fused[i]}: the activation of layer {@code i + 1} when layer {@code i} is a dense layer whose
     * forward pass computes it too (see {@link Dense#forwardFused}); else {@code null}.
     */
    private final ElementwiseActivation[] fused;
    /**
     * {@code fusedBackward[i]}: the activation of layer {@code i − 1} when layer {@code i} is a dense layer
     * whose backward pass computes its derivative too (see {@link Dense#backwardFused}); else {@code null}.
     */
    private final ElementwiseActivation[] fusedBackward;
    /** Whether the first layer has no parameters, so its backward pass only computes dLoss/dInput. */
    private final boolean firstLayerOnlyPassesGradients;

    /**
     * A model over {@code layers} taking samples of shape {@code inputShape} (without the batch).
     * Shapes are checked layer by layer now.
     *
     * @throws IllegalArgumentException for an input shape without dimensions or with one that is not positive,
     *     naming the first layer that cannot take its input's shape, or a layer or parameter that appears twice
     *     (weight sharing is not supported: a layer keeps its last input for its backward pass, and the optimizer
     *     would step a shared parameter twice), or a buffer that is shared in the same way or named like one of
     *     its layer's parameters (the state dict would hold one under the other's name)
     */
    public Sequential(int[] inputShape, List<? extends Layer> layers) {
        this.inputShape = checkInputShape(inputShape);
        this.layers = List.copyOf(layers);
        rejectSharing(this.layers);
        outputShape(this.inputShape);
        this.fused = new ElementwiseActivation[this.layers.size()];
        this.fusedBackward = new ElementwiseActivation[this.layers.size()];
        this.firstLayerOnlyPassesGradients = !this.layers.isEmpty() && this.layers.get(0).parameters().isEmpty();
        for (int i = 0; i + 1 < this.layers.size(); i++) {
            if (this.layers.get(i) instanceof Dense && this.layers.get(i + 1) instanceof ActivationLayer next) {
                fused[i] = next.fusable();
            }
            if (this.layers.get(i) instanceof ActivationLayer previous && this.layers.get(i + 1) instanceof Dense) {
                fusedBackward[i + 1] = previous.fusable();
            }
        }
    }

    /**
     * A copy of {@code inputShape}, which must have a dimension and only positive ones (as a saved model's
     * {@code inputs} must, so that a model that can be built can also be saved and loaded).
     */
    static int[] checkInputShape(int[] inputShape) {
        if (inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("a model's input shape needs at least one dimension, all positive, got "
                    + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    /**
     * Fails on the first layer, parameter or buffer that is the same object as an earlier one, and on a buffer named
     * like a parameter of its layer.
     */
    private static void rejectSharing(List<Layer> layers) {
        Map<Object, Integer> seen = new java.util.IdentityHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Integer earlier = seen.putIfAbsent(layer, i);
            if (earlier != null) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") is the same object as layer "
                        + earlier + "; weight sharing is not supported, so create a separate layer");
            }
            for (Parameter p : layer.parameters()) {
                earlier = seen.putIfAbsent(p, i);
                if (earlier != null) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") holds parameter '"
                            + p.name() + "', which layer " + earlier + " holds too; weight sharing is not supported");
                }
                seen.putIfAbsent(p.value(), i);
            }
            for (Map.Entry<String, Tensor> b : layer.buffers().entrySet()) {
                String name = b.getKey();
                if (layer.parameters().stream().anyMatch(p -> p.name().equals(name))) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") has a buffer and a parameter"
                            + " both named '" + name + "'; a buffer needs a name of its own, as both are saved by name");
                }
                earlier = seen.putIfAbsent(b.getValue(), i);
                if (earlier != null) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") holds buffer '" + name
                            + "', whose tensor layer " + earlier + " holds too as a parameter or buffer; a buffer needs"
                            + " its own tensor, as it is saved and loaded on its own");
                }
            }
        }
    }

    /**
     * A builder that adds layers by plugin name ({@code dense(128, "relu")}), drawing initial weights from
     * {@code random} in order; see {@link SequentialBuilder}.
     *
     * @param inputShape the per-sample input shape, e.g. {@code 784} for flat images
     */
    public static SequentialBuilder builder(PluginRegistry registry, RandomGenerator random, int... inputShape) {
        return new SequentialBuilder(registry, random, inputShape);
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The per-sample input shape. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The per-sample output shape. */
    public int[] outputShape() {
        return outputShape(inputShape);
    }

    @Override
    public String type() {
        return "sequential";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.empty();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the index and type of the first layer that cannot take its input
     */
    @Override
    public int[] outputShape(int[] shape) {
        int[] s = shape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).type() + "): " + e.getMessage(), e);
            }
        }
        return s;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A dense layer followed by an element-wise activation that computes ranges runs as one fused pass
     * (bias and activation in the product's epilogue), with bitwise the result of the two passes; the layer
     * list and the parameters are unchanged. {@link #backward(Tensor, boolean)} fuses such an activation into
     * the dense layer after it in the same way.
     */
    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            if (fused[i] != null) {
                x = ((Dense) layers.get(i)).forwardFused(x, (ActivationLayer) layers.get(i + 1), fused[i]);
                i++;
            } else {
                x = layers.get(i).forward(x, training);
            }
        }
        return x;
    }

    /**
     * The output for {@code input} in inference mode, as a new tensor the caller owns. ({@code forward(input,
     * false)} gives the same values in the model's own output buffer, which the next call overwrites.)
     */
    public Tensor predict(Tensor input) {
        return forward(input, false).copy();
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    /**
     * Backpropagates through every layer; with {@code inputGradient == false} (what training needs) the
     * first layer skips dLoss/dInput and {@code null} may be returned. A first layer that is a fused
     * activation without parameters is then not run backward at all, nor the dense layer's input gradient
     * that would feed it.
     */
    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (fusedBackward[i] != null) {
                if (i == 1 && !inputGradient && firstLayerOnlyPassesGradients) {
                    // The activation in front has nothing to learn, and its input gradient is not wanted:
                    // so neither is the dense layer's, which would only feed it.
                    g = layers.get(1).backward(g, false);
                } else {
                    g = ((Dense) layers.get(i)).backwardFused(g, (ActivationLayer) layers.get(i - 1), fusedBackward[i]);
                }
                i--;
            } else {
                g = layers.get(i).backward(g, i > 0 || inputGradient);
            }
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return Collections.unmodifiableList(all);
    }

    /** Parameters by their PyTorch {@code state_dict()} name ({@code <layer index>.<local name>}), in order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) {
                named.put(i + "." + p.name(), p);
            }
        }
        return Collections.unmodifiableMap(named);
    }

    /**
     * The buffers of all layers by state-dict name ({@code <layer index>.<local name>}, e.g. {@code 1.running_mean}),
     * in layer order; empty when no layer has any. Not learnable: {@link #parameters()} does not hold them.
     */
    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> b : layers.get(i).buffers().entrySet()) {
                named.put(i + "." + b.getKey(), b.getValue());
            }
        }
        return Collections.unmodifiableMap(named);
    }

    /**
     * The model's whole saved state, as PyTorch's {@code state_dict()}: per layer, in layer order, its parameters'
     * values and then its buffers, by state-dict name. These are the live tensors (loading copies into them). For a
     * model without buffers it is {@link #namedParameters()}'s values, in the same order.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            for (Parameter p : layer.parameters()) {
                state.put(i + "." + p.name(), p.value());
            }
            for (Map.Entry<String, Tensor> b : layer.buffers().entrySet()) {
                state.put(i + "." + b.getKey(), b.getValue());
            }
        }
        return Collections.unmodifiableMap(state);
    }

    /**
     * The state-dict names of the buffers a weights file may leave out ({@link Layer#bufferMayBeMissing}), e.g.
     * {@code 2.counter} of a dropout layer; empty for most models.
     */
    public Set<String> buffersThatMayBeMissing() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            for (String name : layer.buffers().keySet()) {
                if (layer.bufferMayBeMissing(name)) {
                    names.add(i + "." + name);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The number of learnable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }
}
