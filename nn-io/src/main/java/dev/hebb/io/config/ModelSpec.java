package dev.hebb.io.config;

import java.util.Arrays;
import java.util.List;

/**
 * The model part of a run config: the per-sample input shape and the expanded layer list (an
 * {@code "activation"} shorthand inside a layer is already a separate activation layer right after it).
 * Layer {@code i} of this list is layer {@code i} of the {@link dev.hebb.layer.Sequential}, and so names
 * the PyTorch state-dict entries {@code i.weight}, {@code i.bias}.
 *
 * @param inputShape the shape of one sample, e.g. {@code [4]}
 * @param layers     the layers in order
 */
public record ModelSpec(int[] inputShape, List<LayerSpec> layers) {

    /** Copies the shape and the list. */
    public ModelSpec {
        inputShape = inputShape.clone();
        layers = List.copyOf(layers);
    }

    /**
     * The spec of a model built in Java: each layer by its {@link dev.hebb.layer.Layer#type()} and
     * {@link dev.hebb.layer.Layer#hyperparameters()}, which is what a saved model is rebuilt from (its weights
     * then come from the weights file).
     */
    public static ModelSpec of(dev.hebb.layer.Sequential model) {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        List<dev.hebb.layer.Layer> all = model.layers();
        for (int i = 0; i < all.size(); i++) {
            layers.add(new LayerSpec(all.get(i).type(), all.get(i).hyperparameters(), "model.layers[" + i + "]"));
        }
        return new ModelSpec(model.inputShape(), layers);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && Arrays.equals(inputShape, m.inputShape) && layers.equals(m.layers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputShape) * 31 + layers.hashCode();
    }

    @Override
    public String toString() {
        return "ModelSpec[inputShape=" + Arrays.toString(inputShape) + ", layers=" + layers + "]";
    }
}
