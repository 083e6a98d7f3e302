package dev.hebb.bench;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.internal.kernel.ScalarKernel;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The matrix products of one training step of the reference MLP (784-256-128-10, batch 128). Each
 * {@code shape} is {@code <use>_<layer>}: {@code fwd} is {@code x·Wᵀ} (B transposed), {@code wgrad} is
 * {@code dyᵀ·x} (A transposed), {@code igrad} is {@code dy·W}. Time is per product; GFLOP/s =
 * {@code 2·m·n·k / time}, printed by {@code bench/gemm.sh}.
 */
public class GemmBenchmark extends BenchmarkDefaults {

    /** transA, transB, m, n, k of every product of a training step. */
    @Param({"fwd_784_256", "fwd_256_128", "fwd_128_10",
            "wgrad_784_256", "wgrad_256_128", "wgrad_128_10",
            "igrad_784_256", "igrad_256_128", "igrad_128_10"})
    public String shape;

    /** {@code scalar} (reference loops) or {@code vector} (the Vector API kernel). */
    @Param({"vector"})
    public String kernel;

    /** Threads for the vector kernel. */
    @Param({"1"})
    public int threads;

    private Kernel k;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int depth;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        String[] parts = shape.split("_");
        int in = Integer.parseInt(parts[1]);
        int out = Integer.parseInt(parts[2]);
        int batch = 128;
        switch (parts[0]) {
            case "fwd" -> set(false, true, batch, out, in);
            case "wgrad" -> set(true, false, out, in, batch);
            case "igrad" -> set(false, false, batch, in, out);
            default -> throw new IllegalArgumentException("unknown product " + shape);
        }
        k = kernel.equals("scalar") ? new ScalarKernel() : Kernels.vector(threads);
        if (k == null) {
            throw new IllegalStateException("the Vector API kernel is unavailable");
        }
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, m * depth);
        b = random(r, n * depth);
        c = new float[m * n];
    }

    private void set(boolean ta, boolean tb, int rows, int cols, int inner) {
        transA = ta;
        transB = tb;
        m = rows;
        n = cols;
        depth = inner;
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    @Benchmark
    public float[] gemm() {
        k.gemm(transA, transB, m, n, depth, a, 0, b, 0, c, 0, false);
        return c;
    }
}
