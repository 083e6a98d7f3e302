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

    /** Beyond this, 1 − tanh(softplus(x)) &lt; 1e-17 and e^x(e^x + 2) would soon overflow. */
    private static final double LINEAR_ABOVE = 20;

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
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v > LINEAR_ABOVE) {
                y[i] = x[i];
            } else {
                double e = Math.exp(v);
                double n = e * (e + 2);
                y[i] = (float) (v * n / (n + 2));
            }
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v > LINEAR_ABOVE) {
                dx[i] = dy[i];
            } else {
                double e = Math.exp(v);
                double n = e * (e + 2);
                double d = n + 2;
                double sech2 = 4 * (n + 1) / (d * d);
                dx[i] = (float) (dy[i] * (n / d + v * (e / (1 + e)) * sech2));
            }
        }
    }
}
