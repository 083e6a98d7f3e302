package dev.hebb.activations;

/**
 * Validation of hyperparameters and the saturating cast shared by the built-in activations. Every message
 * names the activation and the hyperparameter, e.g. "elu: hyperparameter 'alpha' must be ≥ 0, got -1.0".
 */
final class Checks {

    private Checks() {
    }

    /** {@code value} if it is a finite number. */
    static double finite(String activation, String key, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(activation, key, "a finite number", value);
        }
        return value;
    }

    /** {@code value} if it is finite and ≥ 0. */
    static double nonNegative(String activation, String key, double value) {
        if (!(finite(activation, key, value) >= 0)) {
            throw invalid(activation, key, "≥ 0", value);
        }
        return value;
    }

    /** {@code value} if it is finite and &gt; 0. */
    static double positive(String activation, String key, double value) {
        if (!(finite(activation, key, value) > 0)) {
            throw invalid(activation, key, "> 0", value);
        }
        return value;
    }

    static IllegalArgumentException invalid(String activation, String key, String expected, Object value) {
        return new IllegalArgumentException(activation + ": hyperparameter '" + key + "' must be " + expected
                + ", got " + value);
    }

    /**
     * {@code v} rounded to float, but clamped to ±{@link Float#MAX_VALUE} instead of overflowing to infinity:
     * a slope or scale above 1 applied to a huge finite input must still give a finite output.
     */
    static float saturate(double v) {
        return (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v));
    }
}
