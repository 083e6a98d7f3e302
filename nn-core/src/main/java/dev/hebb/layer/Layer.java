package dev.hebb.layer;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A differentiable stage of a network. Inputs and outputs are batches: the first dimension is the
 * batch, the rest is the per-sample shape.
 *
 * <p>{@link #forward} remembers what {@link #backward} needs; {@code backward} must follow the
 * {@code forward} whose output it differentiates. Returned tensors are buffers owned by the layer and
 * reused by the next call with the same batch size: copy them to keep them.
 */
public interface Layer {

    /** The layer type's registered name, as in configs ({@code dense}, {@code activation}, ...). */
    String type();

    /** The hyperparameters that rebuild this layer through its {@link dev.hebb.plugin.LayerProvider}. */
    Hyperparameters hyperparameters();

    /** The output's per-sample shape for an input of per-sample shape {@code inputShape}. */
    int[] outputShape(int[] inputShape);

    /**
     * Computes the output for a batch.
     *
     * @param training whether this is a training pass (dropout and similar layers behave differently)
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given dLoss/dOutput, adds dLoss/dParameter to each parameter's gradient and returns dLoss/dInput.
     * A layer that computes a parameter's whole gradient in one go may ask
     * {@link Parameter#overwritesGradient()} first and write instead of add when the gradient was just cleared.
     *
     * <p>Fetch each gradient with {@link Parameter#gradient()} anew in every call and write into what it
     * returns; never keep the tensor or its array from one call to the next. {@link Parameter#zeroGradient()}
     * (which {@link dev.hebb.optim.Optimizer#zeroGrad()} calls before every training step) only marks the
     * gradient cleared, and the next {@code gradient()} call writes the zeros: what a layer writes into a kept
     * array without that call is wiped out by the next caller of {@code gradient()}, usually the optimizer's
     * step, and the layer silently never learns.
     */
    Tensor backward(Tensor gradOutput);

    /**
     * Like {@link #backward(Tensor)}, for a caller that may not need dLoss/dInput: with
     * {@code inputGradient == false} a layer may skip computing it and return {@code null}. The first layer
     * of a model never needs it, and for a dense layer it is a third of the backward work. Parameter
     * gradients are added exactly as by {@link #backward(Tensor)}.
     */
    default Tensor backward(Tensor gradOutput, boolean inputGradient) {
        return backward(gradOutput);
    }

    /** The learnable parameters, in a fixed order; empty for parameterless layers. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * The layer's buffers: state that is part of the model but not learned by gradient descent, as PyTorch's
     * {@code register_buffer} (a batch norm's {@code running_mean} and {@code running_var}). By local name
     * ({@code running_mean}), in a fixed order; empty by default, for layers that keep no such state.
     *
     * <p>The layer updates its buffers itself, typically in {@link #forward} with {@code training == true}, and
     * must leave them unchanged in a forward pass with {@code training == false}. Optimizers never see them (they
     * are created over {@link #parameters()}), so weight decay, momentum and gradient clipping leave them alone,
     * and gradient checks do not test them. They are saved and loaded with the weights, under the names a
     * model's state dict gives them ({@code 1.running_mean}, see {@link Sequential#stateDict()}).
     *
     * <p>Return the same tensors, in the same order, on every call: loading copies saved values into them in
     * place. A buffer's name must differ from the layer's parameter names, and a buffer must not be one of its
     * parameters' tensors.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /**
     * Whether a weights file may leave out buffer {@code name}, which then keeps its current value when the file is
     * loaded. For state with a natural starting value that the layer's PyTorch counterpart does not keep (dropout's
     * pass counter), so that weights written by PyTorch load into the model; PyTorch's own batch norm tolerates a
     * missing {@code num_batches_tracked} for the same reason. False by default: a missing buffer is an error.
     * Files Hebb writes always hold every buffer, so checkpoints resume bitwise either way.
     */
    default boolean bufferMayBeMissing(String name) {
        return false;
    }
}
