package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * Hard swish, {@code hardswish} (Howard et al., 2019): {@code f(x) = 0 if x ≤ −3, x if x ≥ 3, else x(x + 3)/6};
 * {@code f'(x) = 0 if x < −3, 1 if x > 3, else x/3 + 1/2} — at the kinks PyTorch takes the middle branch,
 * so f'(−3) = −1/2 and f'(3) = 3/2, and so does this.
 */
public final class Hardswish extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Hardswish() {
        super("hardswish");
    }

    @Override
    public String description() {
        return "hard swish, f(x) = x * min(max(x + 3, 0), 6) / 6";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Hardswish();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.hardswish(x, y) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            y[i] = v <= -3 ? 0f : v >= 3 ? v : (float) (v * (v + 3.0) / 6);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.hardswishBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            dx[i] = v < -3 ? 0f : v > 3 ? dy[i] : (float) (dy[i] * (v / 3.0 + 0.5));
        }
    }
}
