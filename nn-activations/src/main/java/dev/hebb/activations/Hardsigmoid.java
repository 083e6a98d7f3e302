package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * Hard sigmoid, {@code hardsigmoid}: {@code f(x) = 0 if x ≤ −3, 1 if x ≥ 3, else x/6 + 1/2},
 * {@code f'(x) = 1/6 if −3 < x < 3 else 0} (0 at ±3, as in PyTorch).
 */
public final class Hardsigmoid extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Hardsigmoid() {
        super("hardsigmoid");
    }

    @Override
    public String description() {
        return "hard sigmoid, f(x) = min(max(x / 6 + 1/2, 0), 1)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Hardsigmoid();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.hardsigmoid(x, y) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            y[i] = v <= -3 ? 0f : v >= 3 ? 1f : (float) (v / 6.0 + 0.5);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.hardsigmoidBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            dx[i] = v > -3 && v < 3 ? dy[i] / 6 : 0f;
        }
    }
}
