package dev.hebb.layer;

import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A learnable tensor and the gradient accumulated for it. The name is the local one PyTorch uses
 * ({@code weight}, {@code bias}); models prefix it with the layer index ({@code 0.weight}).
 */
public final class Parameter {

    /** Gradients shorter than twice this are zeroed on the calling thread. */
    private static final int ZERO_GRAIN = 1 << 15;

    private final String name;
    private final Tensor value;
    private final Tensor gradient;

    /** A parameter with the given value and a zero gradient of the same shape. */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Tensor.zeros(value.shape());
    }

    /** The local name, e.g. {@code weight}. */
    public String name() {
        return name;
    }

    /** The current value; optimizers update it in place. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient; backward passes add to it, {@link #zeroGradient()} clears it. */
    public Tensor gradient() {
        return gradient;
    }

    /** Sets the gradient to zero (in chunks on the kernel threads when it is large: every step does it). */
    public void zeroGradient() {
        float[] g = gradient.data();
        Ops.forEachChunk(g.length, ZERO_GRAIN, (from, to) -> Arrays.fill(g, from, to, 0f));
    }

    @Override
    public String toString() {
        return "Parameter[" + name + " " + Arrays.toString(value.shape()) + "]";
    }
}
