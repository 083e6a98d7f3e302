package dev.hebb.activations;

import dev.hebb.activation.ElementwiseActivation;

/**
 * An element-wise activation written once, as its two block loops: the whole-array and range calls are
 * blocks of one row, so the dense layers around it fuse it (forward into the product before it, backward into
 * the input gradient after it) and every path runs the same loop, with the same bits.
 */
abstract class BlockwiseActivation extends ElementwiseActivation {

    BlockwiseActivation(String name) {
        super(name);
    }

    @Override
    protected final void forward(float[] x, float[] y) {
        forwardRange(x, y, 0, x.length);
    }

    @Override
    protected final void backward(float[] x, float[] y, float[] dy, float[] dx) {
        backwardRange(x, y, dy, dx, 0, x.length);
    }

    /** Ranges are supported, so the dense layers around this activation compute it in their products' epilogues. */
    @Override
    public final boolean computesRanges() {
        return true;
    }

    @Override
    public final void forwardRange(float[] x, float[] y, int from, int to) {
        forwardBlock(x, y, from, 1, 0, 0, to - from);
    }

    @Override
    public final void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        backwardBlock(x, y, dy, dx, from, 1, 0, 0, to - from);
    }

    /** The forward pass; implementations ask {@link VectorLoops#on} once per block, not once per row. */
    @Override
    public abstract void forwardBlock(float[] x, float[] y, int offset, int rows, int stride, int from, int to);

    /** The backward pass; implementations ask {@link VectorLoops#on} once per block, not once per row. */
    @Override
    public abstract void backwardBlock(float[] x, float[] y, float[] dy, float[] dx, int offset, int rows, int stride,
                                       int from, int to);
}
