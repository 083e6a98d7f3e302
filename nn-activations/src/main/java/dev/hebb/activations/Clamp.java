package dev.hebb.activations;

import dev.hebb.activation.ElementwiseActivation;

/**
 * {@code f(x) = min(max(x, lo), hi)}, {@code f'(x) = 1 if lo < x < hi else 0}: PyTorch's hardtanh kernel,
 * whose derivative is 0 at both bounds; ReLU6 is the same kernel with (0, 6), as in PyTorch.
 */
abstract class Clamp extends ElementwiseActivation {

    private final float lo;
    private final float hi;

    Clamp(String name, float lo, float hi) {
        super(name);
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    protected final void forward(float[] x, float[] y) {
        float a = lo;
        float b = hi;
        int i = VectorLoops.on(this) ? Lanes.clamp(x, y, a, b) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            y[i] = v < a ? a : v > b ? b : v;
        }
    }

    @Override
    protected final void backward(float[] x, float[] y, float[] dy, float[] dx) {
        float a = lo;
        float b = hi;
        int i = VectorLoops.on(this) ? Lanes.clampBackward(x, dy, dx, a, b) : 0;
        for (; i < x.length; i++) {
            float v = x[i];
            dx[i] = v > a && v < b ? dy[i] : 0f;
        }
    }
}
