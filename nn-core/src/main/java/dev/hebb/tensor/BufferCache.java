package dev.hebb.tensor;

import java.util.Arrays;

/**
 * Reusable output buffers for a layer, one per shape, for the {@value #DEFAULT_CAPACITY} (or the given number
 * of) most recently used shapes. Training alternates between the full batch and the last partial batch, and
 * evaluation adds a few more; each shape is allocated once and then reused, so steady-state training
 * allocates nothing per batch. A server that predicts batches of ever new sizes keeps only the most recent
 * ones: the least recently used buffer is dropped (and collected once nothing else holds it) when a new shape
 * would exceed the capacity, so memory stays bounded however many sizes it sees.
 */
public final class BufferCache {

    /**
     * Shapes kept by {@link #BufferCache()}: a training run's full and partial batches, its validation's, and
     * an evaluation's, with room to spare.
     */
    public static final int DEFAULT_CAPACITY = 8;

    /** Most recently used first; {@code size} entries are in use. */
    private final int[][] shapes;
    private final Tensor[] buffers;
    private int size;

    /** A cache that keeps the {@value #DEFAULT_CAPACITY} most recently used shapes. */
    public BufferCache() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A cache that keeps the {@code capacity} most recently used shapes.
     *
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public BufferCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a buffer cache needs a capacity of at least 1 shape, not " + capacity);
        }
        shapes = new int[capacity][];
        buffers = new Tensor[capacity];
    }

    /**
     * The buffer of this shape, allocated (zeroed) on first use, or when its shape has been dropped since. Its
     * contents are whatever was left.
     */
    public Tensor get(int... shape) {
        // A linear scan of a handful of entries: no key object per call, so a training step allocates nothing here.
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(shapes[i], shape)) {
                Tensor found = buffers[i];
                moveToFront(i, shapes[i], found);
                return found;
            }
        }
        Tensor created = Tensor.zeros(shape);
        int last = Math.min(size, shapes.length - 1);
        moveToFront(last, shape.clone(), created);
        size = Math.min(size + 1, shapes.length);
        return created;
    }

    /** A buffer of shape {@code [rows] + sampleShape}. */
    public Tensor batch(int rows, int[] sampleShape) {
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return get(shape);
    }

    /** Forgets every buffer. */
    public void clear() {
        Arrays.fill(shapes, null);
        Arrays.fill(buffers, null);
        size = 0;
    }

    /** Shifts entries {@code [0, index)} down by one (overwriting entry {@code index}) and puts this one first. */
    private void moveToFront(int index, int[] shape, Tensor buffer) {
        System.arraycopy(shapes, 0, shapes, 1, index);
        System.arraycopy(buffers, 0, buffers, 1, index);
        shapes[0] = shape;
        buffers[0] = buffer;
    }
}
