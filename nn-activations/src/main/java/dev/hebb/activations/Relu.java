package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The rectified linear unit, {@code relu}: {@code f(x) = max(0, x)}, {@code f'(x) = 1 if x > 0 else 0}.
 * The subgradient at 0 is 0, as in PyTorch.
 */
public final class Relu extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Relu() {
        super("relu");
    }

    @Override
    public String description() {
        return "rectified linear unit, f(x) = max(0, x), f'(x) = 1 if x > 0 else 0 (0 at x = 0)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Relu();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        forwardRange(x, y, 0, x.length);
    }

    /** Ranges are supported, so a dense layer before this activation computes it in its product's epilogue. */
    @Override
    public boolean computesRanges() {
        return true;
    }

    @Override
    public void forwardRange(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.reluBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0f;
        }
    }
}
