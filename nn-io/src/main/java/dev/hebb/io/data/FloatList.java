package dev.hebb.io.data;

import java.util.Arrays;

/** A growable {@code float[]}: rows are appended while streaming, so no boxed values and no text are kept. */
final class FloatList {
    private float[] data = new float[1024];
    private int size;

    void add(float v) {
        if (size == data.length) {
            if (data.length >= Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("more than " + size + " values do not fit into one Java array");
            }
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16L, 2L * data.length));
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
