package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/** An activation applied to each row of the last dimension (softmax): the shape checks and the row loop. */
abstract class LastDimension implements Activation, ActivationProvider {

    private final String name;

    LastDimension(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void checkInputShape(int[] sampleShape) {
        if (sampleShape.length == 0) {
            throw new IllegalArgumentException(name + " normalizes over the last dimension of each sample, but the"
                    + " samples are scalars (per-sample shape [])");
        }
    }

    @Override
    public final void forward(Tensor x, Tensor y) {
        requireShape(x, y, "output");
        int n = rowLength(x);
        float[] in = x.data();
        float[] out = y.data();
        boolean vector = VectorLoops.on(this); // once per call, not per row
        for (int from = 0; from < in.length; from += n) {
            forwardRow(in, out, from, from + n, vector);
        }
    }

    @Override
    public final void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        requireShape(x, y, "output");
        requireShape(x, dy, "output gradient");
        requireShape(x, dx, "input gradient");
        int n = rowLength(x);
        float[] out = y.data();
        float[] g = dy.data();
        float[] gx = dx.data();
        boolean vector = VectorLoops.on(this);
        for (int from = 0; from < out.length; from += n) {
            backwardRow(out, g, gx, from, from + n, vector);
        }
    }

    /** Writes the row {@code [from, to)} of {@code y} from that of {@code x}; through {@link Lanes} if {@code vector}. */
    abstract void forwardRow(float[] x, float[] y, int from, int to, boolean vector);

    /** Writes the row {@code [from, to)} of {@code dx} from the output {@code y} and {@code dy}; as forwardRow. */
    abstract void backwardRow(float[] y, float[] dy, float[] dx, int from, int to, boolean vector);

    /** The largest of {@code x[from..to)}, subtracted before exponentiating so that nothing overflows. */
    static float max(float[] x, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            max = Math.max(max, x[j]);
        }
        return max;
    }

    @Override
    public String toString() {
        return name;
    }

    private int rowLength(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException(name + " normalizes over the last dimension, but the input is a scalar");
        }
        return Math.max(1, x.dim(-1)); // an empty last dimension means an empty tensor: no rows to visit
    }

    private void requireShape(Tensor x, Tensor other, String role) {
        if (!x.sameShape(other)) {
            throw new IllegalArgumentException(name + ": " + role + " shape " + Arrays.toString(other.shape())
                    + " differs from input shape " + Arrays.toString(x.shape()));
        }
    }
}
