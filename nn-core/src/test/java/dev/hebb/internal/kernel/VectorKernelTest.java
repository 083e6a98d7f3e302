package dev.hebb.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VectorKernelTest {

    private static final Kernel ONE_THREAD = Kernels.vector(1);
    private static final Kernel TWO_THREADS = Kernels.vector(2);
    private static final Kernel THREE_THREADS = Kernels.vector(3);

    /**
     * Odd sizes on purpose: below, at and above the vector length (16 lanes with AVX-512, 8 with AVX2)
     * and the 4-row and 3-vector register tiles, edge panels of one and two vectors (exact and partial; 13×64:
     * an 8-row one-vector edge tile with rows left over; 37×112: 16-row one-vector edge tiles with rows left
     * over; 21×80: 8-row two-vector edge tiles with rows left over), outputs narrower than a vector in row
     * blocks (1, 4, 10 and 15 columns; rows left over; two depth blocks; 256×10×784 split across threads),
     * depths across the {@code KC}-deep panel blocks, one row (with B transposed: its own path, columns in blocks
     * of 8 and left over; 1×256×784 is one sample through the reference MLP's first layer), and the reference
     * workload's shapes.
     */
    static Stream<Arguments> shapes() {
        int[][] mnk = {
            {1, 1, 1}, {3, 5, 7}, {17, 33, 65}, {4, 48, 1}, {5, 49, 3}, {2, 97, 257}, {9, 100, 300},
            {31, 15, 513}, {6, 80, 20}, {5, 70, 9}, {7, 50, VectorKernel.KC + 1}, {13, 64, 40}, {37, 112, 40}, {21, 80, 30}, {128, 10, 128}, {37, 10, 200}, {37, 10, 2 * VectorKernel.KC + 5}, {64, 1, 17}, {96, 15, VectorKernel.KC + 2}, {33, 4, 16}, {256, 10, 784}, {1, 37, 300}, {1, 256, 784}, {1, 7, 5}, {128, 128, 256}, {128, 256, 784}, {256, 784, 128}, {128, 784, 256},
        };
        List<Arguments> all = new ArrayList<>();
        for (int[] s : mnk) {
            for (int v = 0; v < 4; v++) {
                all.add(Arguments.of(v >= 2, v % 2 == 1, s[0], s[1], s[2]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("shapes")
    void gemmIsWithinFloatRoundingOfTheDoubleProduct(boolean transA, boolean transB, int m, int n, int k) {
        for (boolean accumulate : new boolean[] {false, true}) {
            int aOff = 3;
            int bOff = 5;
            int cOff = 7;
            float[] a = GemmReference.random(1, aOff + m * k + 2);
            float[] b = GemmReference.random(2, bOff + n * k + 2);
            float[] c = GemmReference.random(3, cOff + m * n + 2);
            float[] before = c.clone();
            double[][] ref = GemmReference.inDouble(transA, transB, m, n, k, a, aOff, b, bOff, before, cOff, accumulate);

            ONE_THREAD.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);

            // A chain of k+1 float roundings is off by at most (k+1)·u·Σ|terms| (u = 2⁻²⁴, Higham's
            // bound for recursive summation; fused multiply-adds only lower it).
            double u = Math.ulp(1f) / 2;
            for (int e = 0; e < m * n; e++) {
                double tolerance = (k + 1) * u * ref[1][e] + Float.MIN_NORMAL;
                double error = Math.abs(c[cOff + e] - ref[0][e]);
                if (error > tolerance) {
                    fail("element " + e + " accumulate=" + accumulate + ": " + c[cOff + e] + " vs " + ref[0][e]
                            + ", error " + error + " > " + tolerance);
                }
            }
            assertUntouchedOutside(before, c, cOff, m * n);
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("shapes")
    void gemmIsExactlyAChainOfFusedMultiplyAddsInIncreasingDepth(boolean transA, boolean transB, int m, int n, int k) {
        float[] a = GemmReference.random(4, m * k);
        float[] b = GemmReference.random(5, n * k);
        float[] c = GemmReference.random(6, m * n);
        float[] expected = GemmReference.fmaChain(transA, transB, m, n, k, a, 0, b, 0, c, 0, true);

        ONE_THREAD.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, true);

        assertArrayEquals(expected, c, "bitwise equality with the documented fma chain");
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("shapes")
    void gemmGivesBitwiseTheSameResultOnOneTwoAndThreeThreads(boolean transA, boolean transB, int m, int n, int k) {
        float[] a = GemmReference.random(7, m * k);
        float[] b = GemmReference.random(8, n * k);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        float[] c3 = new float[m * n];

        ONE_THREAD.gemm(transA, transB, m, n, k, a, 0, b, 0, c1, 0, false);
        TWO_THREADS.gemm(transA, transB, m, n, k, a, 0, b, 0, c2, 0, false);
        THREE_THREADS.gemm(transA, transB, m, n, k, a, 0, b, 0, c3, 0, false);

        assertArrayEquals(c1, c2);
        assertArrayEquals(c1, c3);
    }

    @Test
    void theReferenceShapesAreReallySplitAcrossThreads() {
        // Otherwise the thread-count test above would prove nothing for them.
        int panels = (256 + VectorKernel.NR - 1) / VectorKernel.NR;
        assertTrue(Parallel.chunks(128L * 256 * 784, 1 << 20, panels) > 1);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} on {3} threads")
    @CsvSource({"37, 10, 200, 1", "256, 10, 784, 2", "70, 1, 9, 1", "21, 80, 30, 3", "128, 256, 784, 2", "1, 37, 300, 2"})
    void theEpilogueFinishesEveryElementOnceWithTheBitsOfAPassAfterTheProduct(int m, int n, int k, int threads) {
        // Narrow outputs call it per block of rows, wide ones per block of columns: either way each element
        // gets it once, after its last depth block.
        Kernel kernel = Kernels.vector(threads);
        float[] a = GemmReference.random(9, m * k);
        float[] b = GemmReference.random(10, n * k);
        int off = 5;
        float[] fused = new float[off + m * n];
        int[] times = new int[m * n];
        kernel.gemm(false, true, m, n, k, a, 0, b, 0, fused, off, false, (c, cOffset, rows, ldc, from, to) -> {
            for (int r = 0; r < rows; r++) {
                for (int j = from; j < to; j++) {
                    int e = cOffset + r * ldc + j;
                    c[e] = c[e] * 0.5f + 1f;
                    synchronized (times) {
                        times[e - off]++;
                    }
                }
            }
        });
        float[] separate = new float[off + m * n];
        kernel.gemm(false, true, m, n, k, a, 0, b, 0, separate, off, false);
        for (int e = off; e < separate.length; e++) {
            separate[e] = separate[e] * 0.5f + 1f;
        }
        assertArrayEquals(separate, fused);
        int[] once = new int[m * n];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, times);
    }

    @Test
    void emptyDepthClearsOrKeepsTheOutput() {
        float[] c = {1, 2, 3, 4};
        ONE_THREAD.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, true);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        ONE_THREAD.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, false);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void addRowVectorAndSumRowsMatchTheScalarKernelBitwise() {
        Kernel scalar = new ScalarKernel();
        for (int cols : new int[] {1, 7, 16, 33, 100}) {
            int rows = 13;
            float[] x = GemmReference.random(9, rows * cols);
            float[] row = GemmReference.random(10, cols);
            float[] xs = x.clone();
            float[] xv = x.clone();
            scalar.addRowVector(xs, rows, cols, row);
            ONE_THREAD.addRowVector(xv, rows, cols, row);
            assertArrayEquals(xs, xv);

            float[] outS = GemmReference.random(11, cols);
            float[] outV = outS.clone();
            scalar.sumRows(x, rows, cols, outS, true);
            ONE_THREAD.sumRows(x, rows, cols, outV, true);
            assertArrayEquals(outS, outV);
            scalar.sumRows(x, rows, cols, outS, false);
            ONE_THREAD.sumRows(x, rows, cols, outV, false);
            assertArrayEquals(outS, outV);
        }
    }

    @Test
    void theEngineUsesTheVectorKernelWhenTheModuleIsPresent() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector (root pom).
        assertNotNull(ONE_THREAD);
        assertTrue(Kernels.get().name().startsWith("vector-"), Kernels.get().name());
    }

    @Test
    void aFailingChunkFailsTheCall() {
        Parallel pool = new Parallel(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(4, c -> {
            if (c == 3) {
                throw new IllegalStateException("chunk 3");
            }
        }));
        assertEquals("chunk 3", e.getMessage());
    }

    @Test
    void aBadThreadCountIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Parallel(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    private static void assertUntouchedOutside(float[] before, float[] after, int from, int length) {
        for (int i = 0; i < before.length; i++) {
            if (i < from || i >= from + length) {
                assertEquals(before[i], after[i], "element " + i + " outside the output was written");
            }
        }
    }
}
