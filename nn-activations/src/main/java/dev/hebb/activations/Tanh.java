package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.math.ScalarMath;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The hyperbolic tangent, {@code tanh}: {@code f(x) = (e^x − e^−x)/(e^x + e^−x)}, {@code f'(x) = 1 − f(x)²}.
 *
 * <p>Computed from one {@code e^−2|x|} ({@link ScalarMath#tanh}, vectorised), so that it never overflows:
 * tanh(±1000) = ±1.
 */
public final class Tanh extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Tanh() {
        super("tanh");
    }

    @Override
    public String description() {
        return "hyperbolic tangent, f(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)), f'(x) = 1 - f(x)^2";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Tanh();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.tanh(x, y) : 0;
        for (; i < x.length; i++) {
            y[i] = (float) ScalarMath.tanh(x[i]);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < x.length; i++) {
            dx[i] = dy[i] * (1 - y[i] * y[i]);
        }
    }
}
