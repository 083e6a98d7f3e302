package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The rectified linear unit, {@code relu}: {@code f(x) = max(0, x)}, {@code f'(x) = 1 if x > 0 else 0}.
 * The subgradient at 0 is 0, as in PyTorch.
 */
public final class Relu extends BlockwiseActivation implements ActivationProvider {

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
    public void forwardBlock(float[] x, float[] y, int offset, int rows, int stride, int from, int to) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * stride;
            for (int i = row + from; i < row + to; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        }
    }

    @Override
    public void backwardBlock(float[] x, float[] y, float[] dy, float[] dx, int offset, int rows, int stride,
                              int from, int to) {
        boolean vector = VectorLoops.on(this);
        for (int r = 0; r < rows; r++) {
            int end = offset + r * stride + to;
            int i = offset + r * stride + from;
            if (vector) {
                i = Lanes.reluBackward(x, dy, dx, i, end);
            }
            for (; i < end; i++) {
                dx[i] = x[i] > 0 ? dy[i] : 0f;
            }
        }
    }
}
