package dev.hebb.layer;

import java.util.Locale;

/**
 * How a {@link Dense} layer draws its initial weights ({@code fanIn} inputs, {@code fanOut} outputs).
 */
public enum Initializer {
    /**
     * PyTorch's {@code nn.Linear} default: weight and bias from U(−1/√fanIn, 1/√fanIn)
     * ({@code kaiming_uniform_(a=√5)}).
     */
    PYTORCH,
    /** He (Kaiming) uniform for ReLU: weight from U(−√(6/fanIn), √(6/fanIn)), bias zero. */
    HE,
    /** Xavier (Glorot) uniform: weight from U(−√(6/(fanIn+fanOut)), √(6/(fanIn+fanOut))), bias zero. */
    XAVIER;

    /** The id used in configs: {@code pytorch}, {@code he}, {@code xavier}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The initializer with id {@code id}; fails naming the known ids. */
    public static Initializer fromId(String id) {
        for (Initializer i : values()) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "'; known: pytorch, he, xavier");
    }

    /** The half-width of the uniform distribution of the weights. */
    double weightBound(int fanIn, int fanOut) {
        return switch (this) {
            case PYTORCH -> 1.0 / Math.sqrt(fanIn);
            case HE -> Math.sqrt(6.0 / fanIn);
            case XAVIER -> Math.sqrt(6.0 / (fanIn + fanOut));
        };
    }

    /** The half-width of the uniform distribution of the bias (0: zeros). */
    double biasBound(int fanIn) {
        return this == PYTORCH ? 1.0 / Math.sqrt(fanIn) : 0.0;
    }
}
