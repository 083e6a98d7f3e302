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
    /** Set by {@link #zeroGradient()}: the gradient stands for zeros that have not been written yet. */
    private boolean cleared;

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

    /**
     * The accumulated gradient; backward passes add to it, {@link #zeroGradient()} clears it. Ask for it in
     * every backward pass rather than keeping its array: a cleared gradient is zeroed by this call.
     */
    public Tensor gradient() {
        if (cleared) {
            float[] g = gradient.data();
            Ops.forEachChunk(g.length, ZERO_GRAIN, (from, to) -> Arrays.fill(g, from, to, 0f));
            cleared = false;
        }
        return gradient;
    }

    /**
     * Sets the gradient to zero. The zeros are written when {@link #gradient()} is next called, or never,
     * when a backward pass overwrites the whole gradient (see {@link #overwritesGradient()}): every training
     * step clears every gradient, and writing zeros only to overwrite them is a pass over all parameters.
     */
    public void zeroGradient() {
        cleared = true;
    }

    /**
     * For a backward pass that computes this parameter's whole gradient at once, called before it asks for
     * {@link #gradient()}: {@code true} when the gradient was cleared and not used since, and the pass must
     * then write every element (overwriting gives the same bits as adding to zeros, without writing the
     * zeros first); {@code false} when the pass must add to the values there. Either way the gradient no
     * longer counts as cleared.
     */
    public boolean overwritesGradient() {
        boolean overwrite = cleared;
        cleared = false;
        return overwrite;
    }

    @Override
    public String toString() {
        return "Parameter[" + name + " " + Arrays.toString(value.shape()) + "]";
    }
}
