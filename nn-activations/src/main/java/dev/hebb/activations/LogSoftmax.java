package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.math.ScalarMath;
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
    void forwardRow(float[] x, float[] y, int from, int to, boolean vector) {
        float max = max(x, from, to);
        // The exponentials in vectors (the same bits as ScalarMath.exp), summed in index order either way.
        int j = vector ? Lanes.exponentials(x, null, from, to, max) : from;
        double sum = j > from ? Lanes.sum() : 0;
        for (; j < to; j++) {
            sum += ScalarMath.exp((double) x[j] - max);
        }
        double logSum = Math.log(sum);
        j = vector ? Lanes.logSoftmax(x, y, from, to, max, logSum) : from;
        for (; j < to; j++) {
            y[j] = Checks.saturate(((double) x[j] - max) - logSum);
        }
    }

    @Override
    void backwardRow(float[] y, float[] dy, float[] dx, int from, int to, boolean vector) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += dy[j];
        }
        int j = vector ? Lanes.logSoftmaxBackward(y, dy, dx, from, to, sum) : from;
        for (; j < to; j++) {
            dx[j] = (float) (dy[j] - ScalarMath.exp(y[j]) * sum);
        }
    }
}
