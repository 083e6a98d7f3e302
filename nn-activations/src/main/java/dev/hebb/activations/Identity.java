package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/** The identity, {@code identity}: {@code f(x) = x}, {@code f'(x) = 1}; PyTorch's {@code nn.Identity}. */
public final class Identity extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Identity() {
        super("identity");
    }

    @Override
    public String description() {
        return "identity, f(x) = x, f'(x) = 1";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Identity();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        System.arraycopy(x, 0, y, 0, x.length);
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        System.arraycopy(dy, 0, dx, 0, dy.length);
    }
}
