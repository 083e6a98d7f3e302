package dev.hebb.internal.kernel;

import java.util.SplittableRandom;

/** Test helpers: operands and two independent references for {@code C (+)= op(A)·op(B)}. */
final class GemmReference {

    private GemmReference() {
    }

    static float[] random(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    static float aAt(boolean transA, float[] a, int aOff, int m, int k, int i, int p) {
        return transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
    }

    static float bAt(boolean transB, float[] b, int bOff, int n, int k, int p, int j) {
        return transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
    }

    /** The exact-ish product in double, and Σ|a·b| + |c₀| per element (the scale of the rounding error). */
    static double[][] inDouble(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                               float[] b, int bOff, float[] c0, int cOff, boolean accumulate) {
        double[] value = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[cOff + i * n + j] : 0;
                double t = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double prod = (double) aAt(transA, a, aOff, m, k, i, p) * bAt(transB, b, bOff, n, k, p, j);
                    s += prod;
                    t += Math.abs(prod);
                }
                value[i * n + j] = s;
                scale[i * n + j] = t;
            }
        }
        return new double[][] {value, scale};
    }

    /**
     * The documented arithmetic of the vector kernel, one element at a time: a chain of fused
     * multiply-adds over p in increasing order, starting from 0 or the old value.
     */
    static float[] fmaChain(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                            float[] b, int bOff, float[] c0, int cOff, boolean accumulate) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c0[cOff + i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(aAt(transA, a, aOff, m, k, i, p), bAt(transB, b, bOff, n, k, p, j), s);
                }
                c[cOff + i * n + j] = s;
            }
        }
        return c;
    }
}
