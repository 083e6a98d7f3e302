package dev.hebb.activations;

import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.math.ScalarMath;

/**
 * The family of ELU, SELU and CELU, parameterised as in PyTorch's kernel:
 * {@code f(x) = s·x if x > 0 else s·α·(e^{c·x} − 1)}, {@code f'(x) = s if x > 0 else s·α·c·e^{c·x}}
 * (scale {@code s}, {@code α}, input scale {@code c}). The derivative at 0 is PyTorch's left one.
 */
abstract class ExponentialLinear extends ElementwiseActivation {

    private final double scale;
    private final double alpha;
    private final double inputScale;

    ExponentialLinear(String name, double scale, double alpha, double inputScale) {
        super(name);
        this.scale = scale;
        this.alpha = alpha;
        this.inputScale = inputScale;
    }

    @Override
    protected final void forward(float[] x, float[] y) {
        double s = scale;
        double negative = scale * alpha;
        double c = inputScale;
        int i = VectorLoops.on(this) ? Lanes.expLinear(x, y, s, negative, c) : 0;
        for (; i < x.length; i++) {
            double v = x[i];
            y[i] = Checks.saturate(v > 0 ? s * v : Functions.expLinear(v, negative, c));
        }
    }

    @Override
    protected final void backward(float[] x, float[] y, float[] dy, float[] dx) {
        double s = scale;
        double negative = scale * alpha * inputScale;
        double c = inputScale;
        int i = VectorLoops.on(this) ? Lanes.expLinearBackward(x, dy, dx, s, negative, c) : 0;
        for (; i < x.length; i++) {
            double v = x[i];
            dx[i] = (float) (dy[i] * (v > 0 ? s : negative * ScalarMath.exp(c * v)));
        }
    }
}
