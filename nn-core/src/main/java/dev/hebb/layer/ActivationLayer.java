package dev.hebb.layer;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A layer that applies an {@link Activation}; its parameters are the activation's (PReLU's slope). */
public final class ActivationLayer implements Layer {

    private final Activation activation;
    private final BufferCache outputs = new BufferCache();
    private final BufferCache inputGradients = new BufferCache();
    private Tensor lastInput;
    private Tensor lastOutput;

    /** A layer applying {@code activation}. */
    public ActivationLayer(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /**
     * A layer applying {@code activation} to inputs of per-sample shape {@code inputShape}, checked now.
     *
     * @throws IllegalArgumentException when the activation cannot take that shape
     */
    public ActivationLayer(Activation activation, int[] inputShape) {
        this(activation);
        activation.checkInputShape(inputShape.clone());
    }

    /** The wrapped activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "activation";
    }

    @Override
    public Hyperparameters hyperparameters() {
        Hyperparameters h = Hyperparameters.of("name", activation.name());
        for (var e : activation.hyperparameters().asMap().entrySet()) {
            h = h.with(e.getKey(), e.getValue());
        }
        return h;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        activation.checkInputShape(inputShape.clone());
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor y = outputs.get(input.shape());
        activation.forward(input, y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    /** The buffer {@link #forward} would write an output of {@code shape} into (for a fused forward). */
    Tensor outputBuffer(int[] shape) {
        return outputs.get(shape);
    }

    /** Records a forward pass computed elsewhere (fused into the dense layer before): input x, output y. */
    void forwarded(Tensor x, Tensor y) {
        lastInput = x;
        lastOutput = y;
    }

    /**
     * The activation, if it can be fused into a dense layer before it: element-wise and computing ranges
     * ({@link ElementwiseActivation#computesRanges}); else {@code null}.
     */
    ElementwiseActivation fusable() {
        if (activation instanceof ElementwiseActivation e && e.computesRanges()) {
            return e;
        }
        return null;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor dx = inputGradientBuffer(gradOutput);
        activation.backward(lastInput, lastOutput, gradOutput, dx);
        return dx;
    }

    /**
     * The buffer {@link #backward} writes the input gradient for {@code gradOutput} into, after its checks
     * (also for a backward pass computed elsewhere: fused into the dense layer after this one).
     */
    Tensor inputGradientBuffer(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("activation layer " + activation.name() + ": backward called before forward");
        }
        if (!gradOutput.sameShape(lastOutput)) {
            throw new IllegalArgumentException("activation layer " + activation.name() + " expects an output gradient of shape "
                    + Arrays.toString(lastOutput.shape()) + " but got " + Arrays.toString(gradOutput.shape()));
        }
        return inputGradients.get(lastInput.shape());
    }

    /** The input of the last forward pass (for a fused backward pass). */
    Tensor lastInput() {
        return lastInput;
    }

    /** The output of the last forward pass (for a fused backward pass). */
    Tensor lastOutput() {
        return lastOutput;
    }

    @Override
    public List<Parameter> parameters() {
        return activation.parameters();
    }
}
