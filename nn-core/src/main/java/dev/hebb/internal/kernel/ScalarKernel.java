package dev.hebb.internal.kernel;

/**
 * The portable reference kernel: plain loops, one thread, no Vector API. It defines the results every
 * faster kernel is tested against, and is used wherever the Vector API is unavailable.
 */
public final class ScalarKernel implements Kernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOffset, cOffset + m * n, 0f);
        }
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bOffset + j * k + p];
                    }
                } else {
                    int bRow = bOffset + p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void addRowVector(float[] x, int rows, int cols, float[] row) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                x[base + j] += row[j];
            }
        }
    }

    @Override
    public void sumRows(float[] x, int rows, int cols, float[] out, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0, cols, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += x[base + j];
            }
        }
    }
}
