package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.math.ScalarMath;
import dev.hebb.plugin.Hyperparameters;

/**
 * Softmax over the last dimension, {@code softmax}: {@code f(x)_i = e^{x_i − m} / Σ_j e^{x_j − m}} with
 * {@code m = max_j x_j} (the same value as without m, but no exponential overflows); the backward pass is the
 * full Jacobian-vector product {@code dx_i = y_i (dy_i − Σ_j dy_j y_j)}.
 *
 * <p>For training a classifier, give the logits to the {@code cross_entropy} loss instead: it fuses
 * log-softmax and the negative log-likelihood without losing precision.
 */
public final class Softmax extends LastDimension {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Softmax() {
        super("softmax");
    }

    @Override
    public String description() {
        return "softmax over the last dimension, f(x)_i = exp(x_i - max x) / sum_j exp(x_j - max x)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Softmax();
    }

    @Override
    void forwardRow(float[] x, float[] y, int from, int to, boolean vector) {
        float max = max(x, from, to);
        // The exponentials in vectors (the same bits as ScalarMath.exp), summed in index order either way.
        int j = vector ? Lanes.exponentials(x, y, from, to, max) : from;
        double sum = j > from ? Lanes.sum() : 0;
        for (; j < to; j++) {
            double e = ScalarMath.exp((double) x[j] - max);
            y[j] = (float) e;
            sum += e;
        }
        // Rounding e to float, then the quotient: within one float32 ulp of the exact value.
        double inverse = 1 / sum;
        j = vector ? Lanes.scale(y, from, to, inverse) : from;
        for (; j < to; j++) {
            y[j] = (float) (y[j] * inverse);
        }
    }

    @Override
    void backwardRow(float[] y, float[] dy, float[] dx, int from, int to, boolean vector) {
        double dot = 0;
        for (int j = from; j < to; j++) {
            dot += (double) dy[j] * y[j];
        }
        for (int j = from; j < to; j++) {
            dx[j] = (float) (y[j] * (dy[j] - dot));
        }
    }
}
