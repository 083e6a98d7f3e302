package dev.hebb.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of {@code float}s stored contiguously in row-major order.
 *
 * <p>The backing array is exposed through {@link #data()} so that hot loops work on plain arrays.
 * {@link #reshape} returns a view sharing that array. A tensor's shape never changes; its values do.
 * The array always holds exactly {@link #size()} elements, starting at index 0.
 */
public final class Tensor {

    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A tensor of zeros with the given shape (a rank-0 scalar when no dimension is given). */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape(shape);
        return new Tensor(new float[sizeOf(s)], s);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /**
     * A tensor over {@code data}, which is used as is (not copied).
     *
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor of(float[] data, int... shape) {
        int[] s = checkShape(shape);
        if (data.length != sizeOf(s)) {
            throw new IllegalArgumentException("tensor data has " + data.length + " elements but shape "
                    + Arrays.toString(s) + " needs " + sizeOf(s));
        }
        return new Tensor(data, s);
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** Values drawn uniformly from {@code [low, high)} by {@code random}, in row-major order. */
    public static Tensor uniform(RandomGenerator random, float low, float high, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = low + (high - low) * random.nextFloat();
        }
        return t;
    }

    /** Values drawn from a normal distribution by {@code random}, in row-major order. */
    public static Tensor normal(RandomGenerator random, float mean, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (mean + std * random.nextGaussian());
        }
        return t;
    }

    /** The backing array, row-major, exactly {@link #size()} long. Writes change this tensor. */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The extent of dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
    public int dim(int axis) {
        int a = axis < 0 ? shape.length + axis : axis;
        if (a < 0 || a >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for shape " + Arrays.toString(shape));
        }
        return shape[a];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The number of elements per index of the first dimension (features per sample for a batch). */
    public int rowSize() {
        return shape.length == 0 || shape[0] == 0 ? 0 : data.length / shape[0];
    }

    /** Whether {@code other} has exactly this shape. */
    public boolean hasShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /** Whether {@code other} has the same shape as this tensor. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** The element at {@code index} (one coordinate per dimension). */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Sets the element at {@code index} (one coordinate per dimension). */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /**
     * A view with another shape over the same data. One dimension may be {@code -1}: it is inferred.
     *
     * @throws IllegalArgumentException if the sizes do not match
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                if (s[i] < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(newShape));
                }
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = data.length / known;
        }
        if (sizeOf(s) != data.length) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + data.length
                    + " elements) to " + Arrays.toString(newShape));
        }
        return new Tensor(data, s);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /**
     * Copies the values of {@code source}, which must have the same number of elements, into this tensor.
     */
    public void copyFrom(Tensor source) {
        if (source.data.length != data.length) {
            throw new IllegalArgumentException("cannot copy " + Arrays.toString(source.shape) + " into "
                    + Arrays.toString(shape));
        }
        System.arraycopy(source.data, 0, data, 0, data.length);
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int shown = Math.min(data.length, 10);
        sb.append('[');
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > shown ? ", ...]" : "]").toString();
    }

    /** The number of elements of a shape. */
    public static int sizeOf(int... shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.min(n * d, Integer.MAX_VALUE);  // saturated: a long product can wrap (four sizes of 65536 to 0)
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a Java array holds");
        }
        return (int) n;
    }

    private static int[] checkShape(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates but the tensor has rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }
}
