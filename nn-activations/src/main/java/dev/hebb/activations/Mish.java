package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * Mish, {@code mish} (Misra, 2019): {@code f(x) = x·tanh(softplus(x))},
 * {@code f'(x) = tanh(softplus(x)) + x·σ(x)·(1 − tanh²(softplus(x)))}.
 *
 * <p>With {@code n = e^x(e^x + 2)}, {@code tanh(ln(1 + e^x)) = n/(n + 2)} and {@code 1 − tanh² = 4(n + 1)/(n + 2)²}:
 * one exponential, no cancellation. Above x = 20, tanh(softplus(x)) is 1 to double precision and f(x) = x.
 */
public final class Mish extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Mish() {
        super("mish");
    }

    @Override
    public String description() {
        return "mish, f(x) = x * tanh(softplus(x)) = x * tanh(ln(1 + exp(x)))";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Mish();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.mish(x, y) : 0;
        for (; i < x.length; i++) {
            y[i] = x[i] > Functions.MISH_LINEAR_ABOVE ? x[i] : (float) Functions.mish(x[i]);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.mishBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            dx[i] = x[i] > Functions.MISH_LINEAR_ABOVE ? dy[i] : (float) (dy[i] * Functions.mishDerivative(x[i]));
        }
    }
}
