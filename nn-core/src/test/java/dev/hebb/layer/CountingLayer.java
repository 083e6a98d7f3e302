package dev.hebb.layer;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only layer with a parameter and two buffers: it passes its input through, and every training forward pass
 * adds 1 to {@code seen} and the batch's first value to {@code last}, as a batch norm updates its running statistics.
 * Tests subclass it to give other buffers.
 */
public class CountingLayer implements Layer {

    private final Parameter scale = new Parameter("scale", Tensor.full(1f, 1));
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();

    /** A layer whose buffers hold zeros. */
    public CountingLayer() {
        buffers.put("seen", Tensor.zeros(1));
        buffers.put("last", Tensor.zeros(1));
    }

    @Override
    public String type() {
        return "counting";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.empty();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (training) {
            buffers.get("seen").data()[0] += 1;
            buffers.get("last").data()[0] = input.data()[0];
        }
        return input;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return gradOutput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale);
    }

    @Override
    public Map<String, Tensor> buffers() {
        return buffers;
    }
}
