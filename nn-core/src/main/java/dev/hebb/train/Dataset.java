package dev.hebb.train;

import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Samples held in memory: features {@code [n, ...]} and targets, either class ids {@code [n]} or
 * values {@code [n, ...]}. Row {@code i} of both belongs to sample {@code i}.
 */
public final class Dataset {

    /** Elements below which a gather runs on the calling thread (twice this is the least that is split). */
    private static final int GATHER_GRAIN = 1 << 14;

    private final Tensor features;
    private final Tensor targets;

    /**
     * A dataset over the given tensors (not copied).
     *
     * @throws IllegalArgumentException when the first dimensions differ or a tensor is a scalar
     */
    public Dataset(Tensor features, Tensor targets) {
        this.features = Objects.requireNonNull(features, "features");
        this.targets = Objects.requireNonNull(targets, "targets");
        if (features.rank() < 1 || targets.rank() < 1) {
            throw new IllegalArgumentException("dataset tensors need a sample dimension; got features "
                    + Arrays.toString(features.shape()) + " and targets " + Arrays.toString(targets.shape()));
        }
        if (features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("dataset has " + features.dim(0) + " feature rows but "
                    + targets.dim(0) + " target rows");
        }
    }

    /** The features, {@code [n, ...]}. */
    public Tensor features() {
        return features;
    }

    /** The targets, {@code [n]} class ids or {@code [n, ...]} values. */
    public Tensor targets() {
        return targets;
    }

    /** The number of samples. */
    public int size() {
        return features.dim(0);
    }

    /** The per-sample feature shape. */
    public int[] sampleShape() {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    /**
     * The samples at {@code indices}, copied, in that order.
     *
     * @throws IllegalArgumentException when an index is outside the data set
     */
    public Dataset subset(int[] indices) {
        int size = size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                // As Batches.start says it; the row copy would fail with an ArrayIndexOutOfBoundsException.
                throw new IllegalArgumentException("sample index " + indices[i] + " at position " + i
                        + " is outside the data set of " + size + " samples");
            }
        }
        return new Dataset(gather(features, indices), gather(targets, indices));
    }

    /**
     * Copies the rows {@code indices[from .. from+count)} of {@code source}, in that order, into
     * {@code destination}, which holds exactly {@code count} such rows.
     *
     * @throws IllegalArgumentException when {@code destination} does not hold {@code count} rows of {@code source}
     */
    public static void gatherRows(Tensor source, int[] indices, int from, int count, Tensor destination) {
        int row = source.rowSize();
        if (destination.size() != count * row) {
            throw new IllegalArgumentException("cannot gather " + count + " rows of " + row + " elements into a tensor of shape "
                    + Arrays.toString(destination.shape()));
        }
        float[] src = source.data();
        float[] dst = destination.data();
        // Rows sit at random places in a large data set, so the copy waits on memory (a batch of 128 images:
        // ~55 µs on one core, see copyRows); two cores fetching their own rows are faster (the 2-thread step
        // was 4% slower with the gather on the calling thread only).
        Ops.forEachChunk(count, Math.max(1, GATHER_GRAIN / Math.max(1, row)),
                (first, end) -> copyRows(src, row, indices, from, dst, first, end));
    }

    /**
     * Copies rows {@code indices[from + i]} of {@code src} to rows {@code i} of {@code dst} for {@code i} in
     * {@code [first, end)}, on the calling thread; rows have {@code row} elements.
     */
    static void copyRows(float[] src, int row, int[] indices, int from, float[] dst, int first, int end) {
        // Reading the first element of the row two ahead starts its fetch from memory while this row is
        // copied; the copy alone waits for each row's first cache line in turn. A batch of 128 Fashion-MNIST
        // rows: 53-55 us instead of 70 (one core, caches flushed between batches; the same in 4-row chunks).
        float touched = 0;
        for (int i = first; i < end; i++) {
            if (i + 2 < end && row > 0) {
                touched += src[indices[from + i + 2] * row];
            }
            System.arraycopy(src, indices[from + i] * row, dst, i * row, row);
        }
        if (touched == Float.MAX_VALUE) { // a use, so that the JIT keeps the reads; a store every call
            touchSink = touched;          // would bounce this field's cache line between the cores
        }
    }

    /** Written by {@link #copyRows} so that its look-ahead reads are not optimised away; never read. */
    @SuppressWarnings("unused")
    private static float touchSink;

    private static Tensor gather(Tensor source, int[] indices) {
        int[] shape = source.shape();
        shape[0] = indices.length;
        Tensor out = Tensor.zeros(shape);
        gatherRows(source, indices, 0, indices.length, out);
        return out;
    }
}
