package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.math.ScalarMath;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * Softplus, {@code softplus}: {@code f(x) = ln(1 + e^{βx})/β}, and {@code f(x) = x} where {@code βx > threshold}
 * (PyTorch's rule, for speed and against overflow); {@code f'(x) = σ(βx)}, 1 where {@code βx > threshold}.
 * {@code beta} &gt; 0 (default 1), {@code threshold} finite (default 20).
 *
 * <p>Computed as {@code (max(βx, 0) + ln(1 + e^{−|βx|}))/β}, which never overflows whatever the threshold.
 */
public final class Softplus extends ElementwiseActivation implements ActivationProvider {

    private final double beta;
    private final double threshold;

    /** The provider instance ServiceLoader creates; also a ready activation with β = 1, threshold = 20. */
    public Softplus() {
        this(1.0, 20.0);
    }

    private Softplus(double beta, double threshold) {
        super("softplus");
        this.beta = Checks.positive("softplus", "beta", beta);
        this.threshold = Checks.finite("softplus", "threshold", threshold);
    }

    @Override
    public String description() {
        return "softplus, f(x) = ln(1 + exp(beta * x)) / beta, and f(x) = x where beta * x > threshold";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.number("beta", 1.0, "sharpness; > 0"),
                HyperparameterSpec.number("threshold", 20.0, "above this value of beta * x the function is linear"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Softplus(hyperparameters.getDouble("beta", 1.0), hyperparameters.getDouble("threshold", 20.0));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("beta", beta, "threshold", threshold);
    }

    @Override
    protected void forward(float[] x, float[] y) {
        double b = beta;
        double t = threshold;
        int i = VectorLoops.on(this) ? Lanes.softplus(x, y, b, t) : 0;
        for (; i < x.length; i++) {
            double bx = b * x[i];
            y[i] = bx > t ? x[i] : Checks.saturate(Functions.softplus(bx, b));
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        double b = beta;
        double t = threshold;
        int i = VectorLoops.on(this) ? Lanes.softplusBackward(x, dy, dx, b, t) : 0;
        for (; i < x.length; i++) {
            double bx = b * x[i];
            dx[i] = bx > t ? dy[i] : (float) (dy[i] * ScalarMath.sigmoid(bx));
        }
    }
}
