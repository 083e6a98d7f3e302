package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * Leaky ReLU, {@code leaky_relu}: {@code f(x) = x if x > 0 else a·x}, {@code f'(x) = 1 if x > 0 else a},
 * with {@code a = negativeSlope} (default 0.01, any finite number, as in PyTorch). The subgradient at 0 is
 * {@code a}, as in PyTorch.
 */
public final class LeakyRelu extends BlockwiseActivation implements ActivationProvider {

    private static final double DEFAULT_SLOPE = 0.01;

    private final double negativeSlope;
    private final float slope;

    /** The provider instance ServiceLoader creates; also a ready activation with the default slope. */
    public LeakyRelu() {
        this(DEFAULT_SLOPE);
    }

    private LeakyRelu(double negativeSlope) {
        super("leaky_relu");
        this.negativeSlope = Checks.finite("leaky_relu", "negativeSlope", negativeSlope);
        this.slope = (float) negativeSlope;
    }

    @Override
    public String description() {
        return "leaky rectified linear unit, f(x) = x if x > 0 else negativeSlope * x";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("negativeSlope", DEFAULT_SLOPE, "slope for x <= 0"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new LeakyRelu(hyperparameters.getDouble("negativeSlope", DEFAULT_SLOPE));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("negativeSlope", negativeSlope);
    }

    @Override
    public void forwardBlock(float[] x, float[] y, int offset, int rows, int stride, int from, int to) {
        double a = negativeSlope;
        boolean vector = VectorLoops.on(this);
        for (int r = 0; r < rows; r++) {
            int end = offset + r * stride + to;
            int i = offset + r * stride + from;
            // The vector loop selects instead of branching: on inputs of random sign a branch is mispredicted
            // half the time, and this loop was ~20 times slower than ReLU's.
            if (vector) {
                i = Lanes.leakyRelu(x, y, i, end, a);
            }
            for (; i < end; i++) {
                float v = x[i];
                y[i] = v > 0 ? v : Checks.saturate(v * a);
            }
        }
    }

    @Override
    public void backwardBlock(float[] x, float[] y, float[] dy, float[] dx, int offset, int rows, int stride,
                              int from, int to) {
        float a = slope;
        boolean vector = VectorLoops.on(this);
        for (int r = 0; r < rows; r++) {
            int end = offset + r * stride + to;
            int i = offset + r * stride + from;
            if (vector) {
                i = Lanes.leakyReluBackward(x, dy, dx, i, end, a);
            }
            for (; i < end; i++) {
                float g = dy[i];
                dx[i] = x[i] > 0 ? g : g * a;
            }
        }
    }
}
