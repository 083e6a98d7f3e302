package dev.hebb.tensor;

import dev.hebb.internal.kernel.Kernels;
import dev.hebb.internal.kernel.Parallel;
import java.util.Arrays;

/**
 * The bulk tensor operations the engine and plugins need. Every operation writes into a tensor the
 * caller owns ({@code out}), so buffers can be allocated once and reused across batches. Matrix
 * operations run on the engine's compute kernel.
 */
public final class Ops {

    /** Chunk bounds are multiples of this, so vector loops over a chunk have no tail but the last one's. */
    static final int CHUNK_ALIGNMENT = 64;

    private Ops() {
    }

    /** Element-wise work over the indices {@code [from, to)}, as given to {@link #forEachChunk}. */
    @FunctionalInterface
    public interface RangeTask {
        /** Does the work for indices {@code from} (inclusive) to {@code to} (exclusive); the range may be empty. */
        void run(int from, int to);
    }

    /**
     * Chooses the compute kernel now rather than at the first product, and so starts its background
     * warm-up (compiling the Vector API code, which runs many times slower until compiled) early enough to
     * overlap with whatever the caller does next. Call it before slow set-up such as reading a data set;
     * without it the first epoch runs partly on uncompiled code. Returns the kernel's name, e.g.
     * {@code "vector-512"}.
     */
    public static String warmUp() {
        return Kernels.get().name();
    }

    /**
     * Runs {@code task} over {@code [0, length)} cut into chunks of about {@code grain} or more indices,
     * on the engine's kernel threads, and returns when all are done. Work shorter than {@code 2·grain}
     * runs as one chunk on the calling thread. How the range is cut depends on {@code length} and
     * {@code grain} alone, never on the thread count; chunks may run concurrently and in any order, so
     * they must write disjoint elements. Element-wise work (optimizer updates, activations) thereby gives
     * the same bits on any number of threads.
     *
     * @throws IllegalArgumentException if {@code length < 0} or {@code grain < 1}
     */
    public static void forEachChunk(int length, int grain, RangeTask task) {
        if (length < 0 || grain < 1) {
            throw new IllegalArgumentException("forEachChunk needs a length >= 0 and a grain >= 1, got length "
                    + length + " and grain " + grain);
        }
        int chunks = Parallel.chunks(length, grain, length); // the same cut as the kernels' products
        if (chunks == 1) {
            task.run(0, length);
            return;
        }
        Kernels.get().run(chunks, c -> task.run(chunkBound(c, chunks, length), chunkBound(c + 1, chunks, length)));
    }

    /** The first index of chunk {@code c} of {@code chunks} over {@code [0, length)}; aligned except at the end. */
    static int chunkBound(int c, int chunks, int length) {
        return c == chunks ? length : Parallel.bound(c, chunks, length) & -CHUNK_ALIGNMENT;
    }

    /**
     * {@code out = op(a)·op(b)} (or {@code out += ...} when {@code accumulate}) for rank-2 tensors, where
     * {@code op(x)} is x or its transpose.
     *
     * @throws IllegalArgumentException if the shapes do not line up, or {@code out} shares its array with an
     *                                  operand (a view of it, or the tensor itself)
     */
    public static void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor out, boolean accumulate) {
        requireRank(a, 2, "matmul left operand");
        requireRank(b, 2, "matmul right operand");
        requireRank(out, 2, "matmul output");
        int m = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int kb = transposeB ? b.dim(1) : b.dim(0);
        int n = transposeB ? b.dim(0) : b.dim(1);
        if (k != kb || out.dim(0) != m || out.dim(1) != n) {
            throw new IllegalArgumentException("matmul shapes do not match: " + describe(a, transposeA) + " x "
                    + describe(b, transposeB) + " -> " + Arrays.toString(out.shape()));
        }
        if (out.data() == a.data() || out.data() == b.data()) {
            // The kernel reads the operands block by block while it writes the output: the product came out wrong.
            throw new IllegalArgumentException("matmul output " + Arrays.toString(out.shape()) + " shares its array with the "
                    + (out.data() == a.data() ? "left" : "right") + " operand; write the product into a separate tensor");
        }
        Kernels.get().gemm(transposeA, transposeB, m, n, k, a.data(), 0, b.data(), 0, out.data(), 0, accumulate);
    }

    /** Adds the vector {@code row} (of length {@code x.dim(-1)}) to every row of {@code x}, in place. */
    public static void addRowVector(Tensor x, Tensor row) {
        int cols = x.dim(-1);
        if (row.size() != cols) {
            throw new IllegalArgumentException("row vector of " + row.size() + " elements cannot be added to rows of "
                    + cols + " elements");
        }
        Kernels.get().addRowVector(x.data(), x.size() / Math.max(cols, 1), cols, row.data());
    }

    /** {@code out[j] = Σ_r x[r,j]} (or {@code +=} when {@code accumulate}): sums over all leading dimensions. */
    public static void sumRows(Tensor x, Tensor out, boolean accumulate) {
        int cols = x.dim(-1);
        if (out.size() != cols) {
            throw new IllegalArgumentException("column sums of " + cols + " columns cannot go into " + out.size()
                    + " elements");
        }
        Kernels.get().sumRows(x.data(), x.size() / Math.max(cols, 1), cols, out.data(), accumulate);
    }

    /** {@code y += alpha·x} element-wise. */
    public static void axpy(float alpha, Tensor x, Tensor y) {
        requireSameSize(x, y, "axpy");
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] += alpha * xd[i];
        }
    }

    /** {@code out = a + b} element-wise. */
    public static void add(Tensor a, Tensor b, Tensor out) {
        requireSameSize(a, b, "add");
        requireSameSize(a, out, "add");
        float[] ad = a.data();
        float[] bd = b.data();
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] + bd[i];
        }
    }

    /** {@code out = a - b} element-wise. */
    public static void subtract(Tensor a, Tensor b, Tensor out) {
        requireSameSize(a, b, "subtract");
        requireSameSize(a, out, "subtract");
        float[] ad = a.data();
        float[] bd = b.data();
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] - bd[i];
        }
    }

    /** {@code out = a ⊙ b} element-wise. */
    public static void multiply(Tensor a, Tensor b, Tensor out) {
        requireSameSize(a, b, "multiply");
        requireSameSize(a, out, "multiply");
        float[] ad = a.data();
        float[] bd = b.data();
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] * bd[i];
        }
    }

    /** {@code out = s·a} element-wise. */
    public static void scale(Tensor a, float s, Tensor out) {
        requireSameSize(a, out, "scale");
        float[] ad = a.data();
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = s * ad[i];
        }
    }

    /** The sum of all elements, accumulated in double. */
    public static double sum(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += v;
        }
        return s;
    }

    /** The sum of squares of all elements, accumulated in double. */
    public static double sumOfSquares(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += (double) v * v;
        }
        return s;
    }

    /** For each row of a {@code [rows, cols]} tensor, the index of its largest element (first on ties). */
    public static int[] argmaxRows(Tensor x) {
        int cols = x.dim(-1);
        int rows = x.size() / Math.max(cols, 1);
        float[] d = x.data();
        int[] result = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            float bestValue = d[r * cols];
            for (int j = 1; j < cols; j++) {
                float v = d[r * cols + j];
                if (v > bestValue) {
                    bestValue = v;
                    best = j;
                }
            }
            result[r] = best;
        }
        return result;
    }

    /** Whether every element is finite (no NaN, no infinity). */
    public static boolean allFinite(Tensor x) {
        return firstNonFinite(x) < 0;
    }

    /** The index of the first NaN or infinite element in storage order, or -1 when all are finite. */
    public static int firstNonFinite(Tensor x) {
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void requireRank(Tensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + " but has shape "
                    + Arrays.toString(t.shape()));
        }
    }

    private static void requireSameSize(Tensor a, Tensor b, String op) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(op + ": sizes differ, " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()));
        }
    }

    private static String describe(Tensor t, boolean transposed) {
        return Arrays.toString(t.shape()) + (transposed ? "ᵀ" : "");
    }
}
