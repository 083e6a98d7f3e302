package dev.hebb.activation;

import dev.hebb.layer.Parameter;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;

/**
 * A function applied to a batch, {@code y = f(x)}, with its vector-Jacobian product for backprop.
 * Element-wise activations work on the whole backing arrays; activations over the last dimension
 * (softmax) treat the input as rows. An activation may own learnable parameters (PReLU's slope).
 *
 * <p>Implementations loop over {@code float[]}s; they must return finite values for every finite input.
 */
public interface Activation {

    /** The registered name, e.g. {@code relu}. */
    String name();

    /** The hyperparameters that recreate this activation through its provider. */
    default Hyperparameters hyperparameters() {
        return Hyperparameters.empty();
    }

    /** Writes {@code f(x)} into {@code y}, which has the shape of {@code x}. */
    void forward(Tensor x, Tensor y);

    /**
     * Writes {@code dx = (∂f/∂x)ᵀ·dy} into {@code dx} (overwriting it), given the input {@code x} and the
     * output {@code y} of the matching forward call, and adds the gradients of its own parameters.
     */
    void backward(Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** The learnable parameters (PyTorch names: PReLU's slope is {@code weight}); empty by default. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Checks that this activation can take inputs of per-sample shape {@code sampleShape}, e.g. that
     * PReLU's parameter count matches the features. Called when a layer is built.
     *
     * @throws IllegalArgumentException naming the activation and the mismatch
     */
    default void checkInputShape(int[] sampleShape) {
    }
}
