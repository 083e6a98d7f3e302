package dev.hebb.train;

import dev.hebb.internal.kernel.Kernels;
import dev.hebb.internal.kernel.Parallel;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The mini-batches of a data set, gathered in a given order into buffers that are reused from pass to
 * pass. There are two sets of buffers, so that while the caller trains on one batch, {@link #prefetch()}
 * can have the other kernel threads gather the next one into the other set in their idle moments, as
 * PyTorch's {@code DataLoader} does with worker processes. Gathering only copies rows, so prefetching
 * never changes a result.
 *
 * <pre>{@code
 * batches.start(order);
 * while (batches.hasNext()) {
 *     Batches.Batch batch = batches.next();
 *     batches.prefetch(); // the whole step overlaps with gathering the next batch
 *     Tensor prediction = model.forward(batch.features(), true);
 *     ...
 * }
 * }</pre>
 *
 * <p>A batch's tensors stay valid until {@code next()} has been called twice more; one instance serves
 * one thread.
 */
public final class Batches {

    /**
     * Rows per chunk of a prefetch. A kernel call that arrives while a helper copies a chunk waits for it
     * (Fashion-MNIST: a few µs for 4 rows); smaller chunks cost more claims. On the reference workload's
     * 2-thread epoch 4 rows measured best of 2, 4, 8 and 16 (bench/README).
     */
    static final int PREFETCH_ROWS = 4;

    private final Dataset data;
    private final int batchSize;
    /** The shape of one sample's features and of its target, for the batch buffers. */
    private final int[] featureShape;
    private final int[] targetShape;
    private final BufferCache[] features = {new BufferCache(), new BufferCache()};
    private final BufferCache[] targets = {new BufferCache(), new BufferCache()};
    private int[] order = new int[0];
    /** The number of the batch {@link #next()} returns. */
    private int next;
    /** The batch {@link #prefetch()} is gathering (number {@link #next}), or null. */
    private Batch prefetched;
    private Parallel.Pending pending;

    /**
     * Batches of {@code batchSize} samples of {@code data} (the last of a pass may be smaller).
     *
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public Batches(Dataset data, int batchSize) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.featureShape = data.sampleShape();
        Tensor targets = data.targets();
        this.targetShape = Arrays.copyOfRange(targets.shape(), 1, targets.rank());
    }

    /** One batch: number {@code index} of its pass, {@code rows} samples. */
    public record Batch(int index, int rows, Tensor features, Tensor targets) {
    }

    /** The data set the batches come from. */
    public Dataset data() {
        return data;
    }

    /**
     * Starts a pass over the samples {@code order[0]}, {@code order[1]}, …, in that order. The array is
     * read as the pass goes, not copied: change it only between passes. A prefetch of the previous pass
     * still running is waited for.
     *
     * @throws IllegalArgumentException when an index is outside the data set
     */
    public void start(int[] order) {
        Objects.requireNonNull(order, "order");
        int size = data.size();
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= size) {
                throw new IllegalArgumentException("sample index " + order[i] + " at position " + i
                        + " is outside the data set of " + size + " samples");
            }
        }
        settle();
        this.order = order;
        this.next = 0;
    }

    /** The number of batches in the current pass. */
    public int count() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Whether the current pass has a batch left. */
    public boolean hasNext() {
        return next < count();
    }

    /**
     * The next batch of the pass: the one {@link #prefetch()} gathered (waiting for it if need be), or one
     * gathered now on all kernel threads.
     *
     * @throws NoSuchElementException when the pass has no batch left
     */
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the pass over " + order.length + " samples has no batch left");
        }
        Batch batch = prefetched;
        if (batch != null) {
            settle();
        } else {
            batch = buffers(next);
            Dataset.gatherRows(data.features(), order, batch.index() * batchSize, batch.rows(), batch.features());
            Dataset.gatherRows(data.targets(), order, batch.index() * batchSize, batch.rows(), batch.targets());
        }
        next++;
        return batch;
    }

    /**
     * Starts gathering the next batch, if there is a next batch and it is not already being gathered: the
     * other kernel threads copy its rows, a few at a time, whenever they have no kernel work, and
     * {@link #next()} copies the rows left and waits for those in progress. Call it right after {@code next()},
     * so that the whole step's idle moments are used; kernel calls keep priority, so it never delays them by
     * more than a few rows' copy.
     */
    public void prefetch() {
        if (prefetched != null || !hasNext()) {
            return;
        }
        Batch batch = buffers(next);
        int from = batch.index() * batchSize;
        int[] indices = order;
        Tensor x = data.features();
        Tensor y = data.targets();
        int rows = batch.rows();
        pending = Kernels.get().submit((rows + PREFETCH_ROWS - 1) / PREFETCH_ROWS, chunk -> {
            int first = chunk * PREFETCH_ROWS;
            int end = Math.min(rows, first + PREFETCH_ROWS);
            Dataset.copyRows(x.data(), x.rowSize(), indices, from, batch.features().data(), first, end);
            Dataset.copyRows(y.data(), y.rowSize(), indices, from, batch.targets().data(), first, end);
        });
        prefetched = batch;
    }

    /** The buffers of batch {@code index}: one set for even batches and one for odd, shaped for its rows. */
    private Batch buffers(int index) {
        int rows = Math.min(batchSize, order.length - index * batchSize);
        int slot = index & 1;
        return new Batch(index, rows, features[slot].batch(rows, featureShape), targets[slot].batch(rows, targetShape));
    }

    /** Waits for a running prefetch, if any. */
    private void settle() {
        Parallel.Pending p = pending;
        pending = null;
        prefetched = null;
        if (p != null) {
            p.await();
        }
    }
}
