package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.math.ScalarMath;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The sigmoid linear unit, {@code silu} (also registered as {@code swish}): {@code f(x) = x·σ(x)},
 * {@code f'(x) = σ(x)(1 + x(1 − σ(x)))}, with σ the logistic sigmoid.
 */
public final class Silu extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Silu() {
        super("silu");
    }

    @Override
    public String description() {
        return "sigmoid linear unit, f(x) = x * sigmoid(x)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Silu();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.silu(x, y) : 0;
        for (; i < x.length; i++) {
            double v = x[i];
            y[i] = (float) (v * ScalarMath.sigmoid(v));
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.siluBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            dx[i] = (float) (dy[i] * Functions.siluDerivative(x[i]));
        }
    }
}
