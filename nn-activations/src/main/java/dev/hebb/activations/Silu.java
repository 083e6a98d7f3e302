package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
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
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = (float) (v * Functions.sigmoid(v));
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            // σ + x·σ(1 − σ), both terms from the same e^−|x|, without cancellation in 1 − σ.
            double e = Math.exp(-Math.abs(v));
            double r = 1 / (1 + e);
            double s = v >= 0 ? r : e * r; // a select, not a branch (see Functions.sigmoid)
            dx[i] = (float) (dy[i] * (s + v * e * r * r));
        }
    }
}
