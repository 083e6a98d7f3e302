package dev.hebb.internal.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarKernelTest {

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @CsvSource({
        "false,false,1,1,1", "false,true,3,5,7", "true,false,17,33,65", "true,true,9,20,300",
    })
    void gemmIsWithinFloatRoundingOfTheDoubleProduct(boolean transA, boolean transB, int m, int n, int k) {
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] a = GemmReference.random(1, 2 + m * k);
            float[] b = GemmReference.random(2, 1 + n * k);
            float[] c = GemmReference.random(3, 4 + m * n);
            double[][] ref = GemmReference.inDouble(transA, transB, m, n, k, a, 2, b, 1, c.clone(), 4, accumulate);

            new ScalarKernel().gemm(transA, transB, m, n, k, a, 2, b, 1, c, 4, accumulate);

            // Plain (unfused) summation: 2 roundings per term, so 2(k+1)·u·Σ|terms| bounds the error.
            double u = Math.ulp(1f) / 2;
            for (int e = 0; e < m * n; e++) {
                double tolerance = 2 * (k + 1) * u * ref[1][e] + Float.MIN_NORMAL;
                if (Math.abs(c[4 + e] - ref[0][e]) > tolerance) {
                    fail("element " + e + ": " + c[4 + e] + " vs " + ref[0][e]);
                }
            }
        }
    }
}
