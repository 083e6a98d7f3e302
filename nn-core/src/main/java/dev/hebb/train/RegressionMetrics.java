package dev.hebb.train;

import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/**
 * Mean squared error, mean absolute error and the coefficient of determination of a regression, over
 * all outputs and per output column, accumulated in double:
 * {@code MSE = Σ(y − t)²/N}, {@code MAE = Σ|y − t|/N},
 * {@code R² = 1 − Σ(y − t)² / Σ(t − mean(t))²} per column (scikit-learn's {@code r2_score}; a constant
 * column gives 1 when predicted exactly and 0 otherwise, as scikit-learn does). The overall R² is the
 * plain mean over columns ({@code multioutput='uniform_average'}).
 */
public final class RegressionMetrics {

    private final double[] mse;
    private final double[] mae;
    private final double[] r2;

    private RegressionMetrics(double[] mse, double[] mae, double[] r2) {
        this.mse = mse;
        this.mae = mae;
        this.r2 = r2;
    }

    /**
     * The metrics of {@code predictions} against {@code targets}, both {@code [n]} or {@code [n, outputs]}.
     *
     * @throws IllegalArgumentException when the shapes differ or there are no samples
     */
    public static RegressionMetrics of(Tensor predictions, Tensor targets) {
        if (!predictions.sameShape(targets) || predictions.rank() < 1 || predictions.rank() > 2) {
            throw new IllegalArgumentException("regression metrics need predictions and targets of one shape [n] or"
                    + " [n, outputs], got " + Arrays.toString(predictions.shape()) + " and " + Arrays.toString(targets.shape()));
        }
        int n = predictions.dim(0);
        if (n == 0) {
            throw new IllegalArgumentException("regression metrics need at least one sample");
        }
        int outputs = predictions.rank() == 1 ? 1 : predictions.dim(1);
        if (outputs == 0) {
            // Every mean over the columns would be 0/0.
            throw new IllegalArgumentException("regression metrics need at least one output column, got "
                    + Arrays.toString(predictions.shape()));
        }
        float[] y = predictions.data();
        float[] t = targets.data();
        double[] mean = new double[outputs];
        for (int i = 0; i < t.length; i++) {
            mean[i % outputs] += t[i];
        }
        double[] squared = new double[outputs];
        double[] absolute = new double[outputs];
        double[] spread = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            mean[o] /= n;
        }
        for (int i = 0; i < t.length; i++) {
            int o = i % outputs;
            double d = (double) y[i] - t[i];
            squared[o] += d * d;
            absolute[o] += Math.abs(d);
            double s = t[i] - mean[o];
            spread[o] += s * s;
        }
        double[] r2 = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            r2[o] = spread[o] == 0 ? (squared[o] == 0 ? 1 : 0) : 1 - squared[o] / spread[o];
            squared[o] /= n;
            absolute[o] /= n;
        }
        return new RegressionMetrics(squared, absolute, r2);
    }

    /** The number of output columns. */
    public int outputs() {
        return mse.length;
    }

    /** The mean squared error over every output. */
    public double mse() {
        return mean(mse);
    }

    /** The mean absolute error over every output. */
    public double mae() {
        return mean(mae);
    }

    /** R² averaged over the output columns. */
    public double r2() {
        return mean(r2);
    }

    /** The mean squared error of output column {@code o}. */
    public double mse(int o) {
        return mse[checkOutput(o)];
    }

    /** The mean absolute error of output column {@code o}. */
    public double mae(int o) {
        return mae[checkOutput(o)];
    }

    /** R² of output column {@code o}. */
    public double r2(int o) {
        return r2[checkOutput(o)];
    }

    /** {@code o}, or an error naming it and the range when it is not an output column. */
    private int checkOutput(int o) {
        if (o < 0 || o >= mse.length) {
            throw new IndexOutOfBoundsException("output column " + o + " is out of range for " + mse.length
                    + " output column" + (mse.length == 1 ? "" : "s") + " (0 to " + (mse.length - 1) + ")");
        }
        return o;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
