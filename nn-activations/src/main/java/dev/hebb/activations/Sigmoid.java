package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.math.ScalarMath;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/**
 * The logistic sigmoid, {@code sigmoid}: {@code σ(x) = 1/(1 + e^−x)}, {@code σ'(x) = σ(x)(1 − σ(x))}.
 *
 * <p>Computed from {@code e^−|x|} so that no exponential overflows: σ(−1000) = 0 and σ(1000) = 1 exactly,
 * and σ(−100) keeps its full relative precision (3.7e-44, a float32 subnormal).
 */
public final class Sigmoid extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Sigmoid() {
        super("sigmoid");
    }

    @Override
    public String description() {
        return "logistic sigmoid, f(x) = 1 / (1 + exp(-x)), f'(x) = f(x)(1 - f(x))";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Sigmoid();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.sigmoid(x, y) : 0;
        for (; i < x.length; i++) {
            y[i] = (float) ScalarMath.sigmoid(x[i]);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < x.length; i++) {
            // From the output, as PyTorch does; 1 − y is exact in float32 for y ≥ 0.5 (Sterbenz).
            dx[i] = dy[i] * y[i] * (1 - y[i]);
        }
    }
}
