package dev.hebb.layer;

import java.util.Locale;

/**
 * How a {@link Dense} layer draws its initial weights ({@code fanIn} inputs, {@code fanOut} outputs).
 *
 * <p>A third-party layer initialises as {@code Dense} does with the bounds below:
 * {@code Tensor.uniform(context.random(), -b, b, shape)} with {@code b = (float) init.weightBound(fanIn, fanOut)}
 * (and {@link #biasBound} for a bias), weight first and then bias, from the {@code LayerContext}'s seeded generator.
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

    /**
     * The half-width of the uniform distribution of the weights.
     *
     * @param fanIn  the inputs of each output (for a dense layer, its input features)
     * @param fanOut the outputs (used by {@link #XAVIER} only)
     * @return {@code b} such that weights are drawn from U(−b, b)
     */
    public double weightBound(int fanIn, int fanOut) {
        return switch (this) {
            case PYTORCH -> 1.0 / Math.sqrt(fanIn);
            case HE -> Math.sqrt(6.0 / fanIn);
            case XAVIER -> Math.sqrt(6.0 / (fanIn + fanOut));
        };
    }

    /**
     * The half-width of the uniform distribution of the bias.
     *
     * @param fanIn the inputs of each output
     * @return {@code b} such that biases are drawn from U(−b, b); 0 means the bias starts at zero
     */
    public double biasBound(int fanIn) {
        return this == PYTORCH ? 1.0 / Math.sqrt(fanIn) : 0.0;
    }
}
