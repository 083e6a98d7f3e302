package dev.hebb.example.plugin;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;

/**
 * Squareplus (Barron, 2021), a smooth ReLU without exponentials:
 * {@code f(x) = (x + √(x² + b)) / 2}, {@code f'(x) = (1 + x/√(x² + b)) / 2}, with {@code b > 0}
 * (default 4). As {@code b → 0} it becomes ReLU.
 *
 * <p>One class is both the provider (found through {@code META-INF/services}) and the activation.
 */
public final class Squareplus implements ActivationProvider, Activation {

    private final double b;

    /** The provider instance ServiceLoader creates. */
    public Squareplus() {
        this(4.0);
    }

    private Squareplus(double b) {
        if (!(b > 0) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("squareplus: hyperparameter 'b' must be a positive number, got " + b);
        }
        this.b = b;
    }

    @Override
    public String name() {
        return "squareplus";
    }

    @Override
    public String description() {
        return "f(x) = (x + sqrt(x^2 + b)) / 2, a smooth ReLU without exponentials";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("b", 4.0, "curvature near 0; larger is smoother, must be positive"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Squareplus(hyperparameters.getDouble("b", 4.0));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("b", b);
    }

    @Override
    public void forward(Tensor x, Tensor y) {
        float[] in = x.data();
        float[] out = y.data();
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            // For v < 0 the naive form cancels catastrophically; b / (sqrt(v²+b) − v) is the same value.
            double root = Math.sqrt(v * v + b);
            out[i] = (float) (v >= 0 ? (v + root) / 2 : b / (2 * (root - v)));
        }
    }

    @Override
    public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        float[] in = x.data();
        float[] g = dy.data();
        float[] out = dx.data();
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            out[i] = (float) (g[i] * 0.5 * (1 + v / Math.sqrt(v * v + b)));
        }
    }
}
