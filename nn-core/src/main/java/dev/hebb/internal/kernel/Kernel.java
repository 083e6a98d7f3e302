package dev.hebb.internal.kernel;

import java.util.function.IntConsumer;

/**
 * The compute kernels every layer goes through. Implementations may use the Vector API, blocking,
 * packing or threads; layers never change when the kernel does.
 *
 * <p>All matrices are dense, row-major {@code float} arrays addressed by an offset. Implementations
 * must produce bitwise identical results for any thread count: reductions are split and combined in a
 * fixed order that depends only on the shapes.
 */
public interface Kernel {

    /** A short name for logs and benchmarks, e.g. {@code "scalar"} or {@code "vector-512"}. */
    String name();

    /**
     * {@code C[m,n] = op(A)·op(B)}, or {@code C += op(A)·op(B)} when {@code accumulate}.
     *
     * @param transA {@code false}: A is stored {@code [m,k]}; {@code true}: A is stored {@code [k,m]}
     * @param transB {@code false}: B is stored {@code [k,n]}; {@code true}: B is stored {@code [n,k]}
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate);

    /**
     * Work applied to the output of {@link #gemm(boolean, boolean, int, int, int, float[], int, float[], int,
     * float[], int, boolean, Epilogue)} block by block, as soon as a block is final (bias and activation).
     */
    @FunctionalInterface
    interface Epilogue {
        /**
         * Finishes columns {@code [from, to)} of every row of the {@code [rows, ldc]} block of the output
         * {@code c} that starts at {@code cOffset} (a block of whole rows' columns: all of the output's rows,
         * or a run of them). Called once per block, possibly concurrently for disjoint blocks; the blocks
         * cover every element once.
         */
        void columns(float[] c, int cOffset, int rows, int ldc, int from, int to);
    }

    /**
     * {@link #gemm(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean)}, then
     * {@code epilogue} on every column block of C. The result is bitwise that of the product followed by
     * the epilogue over all columns; fast kernels run the epilogue per block while it is in cache.
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, float[] b,
                      int bOffset, float[] c, int cOffset, boolean accumulate, Epilogue epilogue) {
        gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
        epilogue.columns(c, cOffset, m, n, 0, n);
    }

    /** {@code x[r,:] += row[:]} for every row {@code r} of the {@code [rows, cols]} matrix x. */
    void addRowVector(float[] x, int rows, int cols, float[] row);

    /** {@code out[j] (+)= Σ_r x[r,j]}: column sums of a {@code [rows, cols]} matrix (bias gradients). */
    void sumRows(float[] x, int rows, int cols, float[] out, boolean accumulate);

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)} and returns when all are done, on this
     * kernel's threads when it has several. Chunks may run concurrently, so they must write disjoint
     * outputs; how work is cut into chunks is the caller's business and must not depend on threads.
     */
    default void run(int chunks, IntConsumer body) {
        for (int c = 0; c < chunks; c++) {
            body.accept(c);
        }
    }

    /**
     * Queues {@code chunks} chunks of {@code body} for this kernel's other threads to run in their idle moments
     * (to overlap work such as gathering the next batch with the caller's own), and returns a handle whose
     * {@code await} runs on the caller the chunks no thread has started, then waits for the rest. Kernel calls
     * keep priority over such work. Without other threads, every chunk runs at {@code await}. Chunks must
     * write disjoint outputs. See {@link Parallel#submit}.
     */
    default Parallel.Pending submit(int chunks, IntConsumer body) {
        return Parallel.deferred(chunks, body);
    }
}
