package dev.hebb.activation;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base class for an activation applied to every element independently, {@code yᵢ = f(xᵢ)}: subclasses
 * write two loops over whole arrays and get the shape checks for free.
 *
 * <pre>{@code
 * public final class Cube extends ElementwiseActivation {   // f(x) = x³, f'(x) = 3x²
 *     public Cube() { super("cube"); }
 *     protected void forward(float[] x, float[] y) {
 *         for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i] * x[i];
 *     }
 *     protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
 *         for (int i = 0; i < x.length; i++) dx[i] = 3 * x[i] * x[i] * dy[i];
 *     }
 * }
 * }</pre>
 *
 * <p>The hooks receive the backing arrays of tensors of one shape, all of the same length, so the loop
 * body is the only per-element code: no virtual call per element, which lets the JIT inline and unroll it.
 * Because the activation has no parameters, a subclass may also implement
 * {@link dev.hebb.plugin.ActivationProvider} and be its own provider (its {@code name()} serves both).
 */
public abstract class ElementwiseActivation implements Activation {

    private final String name;

    /** An activation registered under {@code name}, e.g. {@code "relu"}. */
    protected ElementwiseActivation(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Checks the shapes, then calls {@link #forward(float[], float[])}.
     *
     * @throws IllegalArgumentException when {@code y} has another shape than {@code x}
     */
    @Override
    public final void forward(Tensor x, Tensor y) {
        requireShape(x, y, "output");
        forward(x.data(), y.data());
    }

    /**
     * Checks the shapes, then calls {@link #backward(float[], float[], float[], float[])}.
     *
     * @throws IllegalArgumentException when {@code y}, {@code dy} or {@code dx} has another shape than {@code x}
     */
    @Override
    public final void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        requireShape(x, y, "output");
        requireShape(x, dy, "output gradient");
        requireShape(x, dx, "input gradient");
        backward(x.data(), y.data(), dy.data(), dx.data());
    }

    /** Writes {@code y[i] = f(x[i])} for every {@code i}; both arrays have the same length. */
    protected abstract void forward(float[] x, float[] y);

    /**
     * Whether {@link #forwardRange} and {@link #backwardRange} are implemented; {@code false} unless
     * overridden. An activation that computes ranges lets the engine fuse it into the dense layers around it:
     * its forward is applied to each block of the product before it, and its backward to each block of the
     * input gradient of the dense layer after it, as soon as the block is computed, while it is still in
     * cache and on the thread that computed it, instead of in separate passes over the batch. The model, its
     * layers and its saved form do not change.
     */
    public boolean computesRanges() {
        return false;
    }

    /**
     * Writes {@code y[i] = f(x[i])} for {@code i} in {@code [from, to)} only; called only when
     * {@link #computesRanges()} is true. Every element must get exactly the bits
     * {@link #forward(float[], float[])} gives it (the engine's tests compare fused and unfused training
     * bitwise), and the arrays may be larger than the range. The engine may call it from several threads at
     * once on disjoint ranges.
     *
     * @throws UnsupportedOperationException unless overridden
     */
    public void forwardRange(float[] x, float[] y, int from, int to) {
        throw new UnsupportedOperationException(name + " does not compute ranges");
    }

    /**
     * Writes {@code dx[i] = f'(x[i]) · dy[i]} for {@code i} in {@code [from, to)} only; called only when
     * {@link #computesRanges()} is true. As for {@link #forwardRange}: every element must get exactly the
     * bits {@link #backward(float[], float[], float[], float[])} gives it, the arrays may be larger than the
     * range, and the engine may call it from several threads at once on disjoint ranges.
     *
     * @throws UnsupportedOperationException unless overridden
     */
    public void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        throw new UnsupportedOperationException(name + " does not compute ranges");
    }

    /**
     * {@link #forwardRange} on a block of a row-major matrix: columns {@code [from, to)} of the {@code rows}
     * rows that start at {@code offset}, {@code stride} apart. A dense layer calls this on each block of its
     * product. The default calls {@link #forwardRange} once per row; override it only to take per-call work
     * (a check, a lookup) out of the row loop, with the same bits.
     */
    public void forwardBlock(float[] x, float[] y, int offset, int rows, int stride, int from, int to) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * stride;
            forwardRange(x, y, row + from, row + to);
        }
    }

    /**
     * {@link #backwardRange} on a block of a row-major matrix, as {@link #forwardBlock}. A dense layer calls
     * this on each block of the input gradient it computes; the default calls {@link #backwardRange} once per
     * row.
     */
    public void backwardBlock(float[] x, float[] y, float[] dy, float[] dx, int offset, int rows, int stride,
                              int from, int to) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * stride;
            backwardRange(x, y, dy, dx, row + from, row + to);
        }
    }

    /**
     * Writes {@code dx[i] = f'(x[i]) · dy[i]} for every {@code i}, overwriting {@code dx}. {@code y} holds
     * {@code f(x)} from the matching forward call, for derivatives cheaper from the output (σ' = σ(1 − σ)).
     */
    protected abstract void backward(float[] x, float[] y, float[] dy, float[] dx);

    @Override
    public String toString() {
        Hyperparameters h = hyperparameters();
        return h.isEmpty() ? name : name + h;
    }

    private void requireShape(Tensor x, Tensor other, String role) {
        if (!x.sameShape(other)) {
            throw new IllegalArgumentException(name + ": " + role + " shape " + Arrays.toString(other.shape())
                    + " differs from input shape " + Arrays.toString(x.shape()));
        }
    }
}
