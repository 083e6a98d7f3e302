package dev.hebb.tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reusable output buffers for a layer, one per shape. Training alternates between the full batch and
 * the last partial batch; each shape is allocated once and then reused, so steady-state training
 * allocates nothing per batch.
 */
public final class BufferCache {

    private final Map<Key, Tensor> buffers = new HashMap<>();

    /** The buffer of this shape, allocated (zeroed) on first use. Its contents are whatever was left. */
    public Tensor get(int... shape) {
        return buffers.computeIfAbsent(new Key(shape.clone()), k -> Tensor.zeros(k.shape));
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
        buffers.clear();
    }

    private record Key(int[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(shape, k.shape);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(shape);
        }
    }
}
