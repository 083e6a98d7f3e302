package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.Hyperparameters;

/**
 * Log-softmax over the last dimension, {@code log_softmax}: {@code f(x)_i = x_i − m − ln Σ_j e^{x_j − m}} with
 * {@code m = max_j x_j}; the backward pass is the full Jacobian-vector product
 * {@code dx_i = dy_i − e^{y_i} Σ_j dy_j}.
 *
 * <p>An output below −{@link Float#MAX_VALUE} (only possible when a row spans more than the float range)
 * is clamped to −{@link Float#MAX_VALUE} rather than −∞; its probability is 0 either way.
 */
public final class LogSoftmax extends LastDimension {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public LogSoftmax() {
        super("log_softmax");
    }

    @Override
    public String description() {
        return "log-softmax over the last dimension, f(x)_i = x_i - max x - ln(sum_j exp(x_j - max x))";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new LogSoftmax();
    }

    @Override
    void forwardRow(float[] x, float[] y, int from, int to) {
        float max = max(x, from, to);
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += Math.exp((double) x[j] - max);
        }
        double logSum = Math.log(sum);
        for (int j = from; j < to; j++) {
            y[j] = Checks.saturate(((double) x[j] - max) - logSum);
        }
    }

    @Override
    void backwardRow(float[] y, float[] dy, float[] dx, int from, int to) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += dy[j];
        }
        for (int j = from; j < to; j++) {
            dx[j] = (float) (dy[j] - Math.exp(y[j]) * sum);
        }
    }
}
