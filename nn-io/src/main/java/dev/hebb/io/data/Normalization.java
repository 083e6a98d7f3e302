package dev.hebb.io.data;

import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * A per-feature affine transform {@code x' = (x − shift) / scale}, fitted on the training split and
 * saved with the model so that prediction applies exactly the same transform:
 * <ul>
 *   <li>{@code standard}: shift = mean, scale = population standard deviation (as scikit-learn's
 *       {@code StandardScaler}); features become mean 0, variance 1.</li>
 *   <li>{@code minmax}: shift = minimum, scale = maximum − minimum; features land in [0, 1].</li>
 * </ul>
 * A constant feature (scale 0) keeps scale 1, so it becomes 0 instead of NaN. Statistics are computed in
 * double.
 *
 * @param kind  {@code "standard"} or {@code "minmax"}
 * @param shift subtracted from each feature
 * @param scale each feature is divided by it (never 0)
 */
public record Normalization(String kind, double[] shift, double[] scale) {

    /** The names accepted in configs. */
    public static final java.util.List<String> KINDS = java.util.List.of("standard", "minmax");

    /** Validates the kind and that both arrays have one finite entry per feature, scales non-zero. */
    public Normalization {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown normalization '" + kind + "'; known: " + String.join(", ", KINDS));
        }
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("normalization has " + shift.length + " shifts but " + scale.length + " scales");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!Double.isFinite(shift[i]) || !Double.isFinite(scale[i]) || scale[i] == 0) {
                throw new IllegalArgumentException("normalization of feature " + i + " has shift " + shift[i]
                        + " and scale " + scale[i] + "; both must be finite and the scale non-zero");
            }
        }
        shift = shift.clone();
        scale = scale.clone();
    }

    /** Fits {@code kind} to the features {@code [n, ...]} (each position of a sample is one feature). */
    public static Normalization fit(String kind, Tensor features) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (features.rank() < 1 || features.dim(0) == 0) {
            // Without a sample, "standard" would divide by 0 and either kind would fit 0 features.
            throw new IllegalArgumentException("a normalization is fitted on samples [n, ...] with n >= 1, got shape "
                    + Arrays.toString(features.shape()));
        }
        int n = features.dim(0);
        int width = features.rowSize();
        float[] x = features.data();
        double[] shift = new double[width];
        double[] scale = new double[width];
        if (k.equals("standard")) {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) {
                    shift[j] += x[r * width + j];
                }
            }
            for (int j = 0; j < width; j++) {
                shift[j] /= n;
            }
            // Two passes: the mean first, then squared deviations, which is stable where E[x²]−E[x]² is not.
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) {
                    double d = x[r * width + j] - shift[j];
                    scale[j] += d * d;
                }
            }
            for (int j = 0; j < width; j++) {
                scale[j] = Math.sqrt(scale[j] / n);
            }
        } else if (k.equals("minmax")) {
            double[] max = new double[width];
            Arrays.fill(shift, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) {
                    float v = x[r * width + j];
                    shift[j] = Math.min(shift[j], v);
                    max[j] = Math.max(max[j], v);
                }
            }
            for (int j = 0; j < width; j++) {
                scale[j] = max[j] - shift[j];
            }
        } else {
            throw new IllegalArgumentException("unknown normalization '" + kind + "'; known: " + String.join(", ", KINDS));
        }
        for (int j = 0; j < width; j++) {
            if (scale[j] == 0) {
                scale[j] = 1;
            }
        }
        return new Normalization(k, shift, scale);
    }

    /** The number of features it transforms. */
    public int features() {
        return shift.length;
    }

    /**
     * Transforms {@code features} {@code [n, ...]} in place.
     *
     * @throws IllegalArgumentException when the sample width differs from the fitted one
     */
    public void apply(Tensor features) {
        if (features.rank() < 1) {
            // rowSize() is 0 for a scalar: a normalization of 0 features would loop over its element forever.
            throw new IllegalArgumentException("a normalization applies to samples [n, ...], got a scalar");
        }
        int width = features.rowSize();
        if (width != shift.length) {
            throw new IllegalArgumentException("normalization was fitted on " + shift.length + " features but the data has "
                    + width);
        }
        float[] x = features.data();
        for (int i = 0; i < x.length; i += width) {
            for (int j = 0; j < width; j++) {
                x[i + j] = (float) ((x[i + j] - shift[j]) / scale[j]);
            }
        }
    }

    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && kind.equals(n.kind) && Arrays.equals(shift, n.shift) && Arrays.equals(scale, n.scale);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization[" + kind + ", shift=" + Arrays.toString(shift) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
