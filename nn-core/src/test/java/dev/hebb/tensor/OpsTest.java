package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.internal.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** Exact tables: all values are small integers or halves, so float32 results are exact. */
class OpsTest {

    // A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]], A·B = [[58,64],[139,154]]
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] A_T = {1, 4, 2, 5, 3, 6};
    private static final float[] B = {7, 8, 9, 10, 11, 12};
    private static final float[] B_T = {7, 9, 11, 8, 10, 12};
    private static final float[] AB = {58, 64, 139, 154};

    @Test
    void matmulInAllFourTransposeCombinations() {
        Tensor out = Tensor.zeros(2, 2);
        Ops.matmul(Tensor.of(A, 2, 3), false, Tensor.of(B, 3, 2), false, out, false);
        assertArrayEquals(AB, out.data());
        Ops.matmul(Tensor.of(A_T, 3, 2), true, Tensor.of(B, 3, 2), false, out, false);
        assertArrayEquals(AB, out.data());
        Ops.matmul(Tensor.of(A, 2, 3), false, Tensor.of(B_T, 2, 3), true, out, false);
        assertArrayEquals(AB, out.data());
        Ops.matmul(Tensor.of(A_T, 3, 2), true, Tensor.of(B_T, 2, 3), true, out, false);
        assertArrayEquals(AB, out.data());
    }

    @Test
    void warmUpChoosesTheKernelThatProductsThenUse() {
        assertEquals(Kernels.get().name(), Ops.warmUp());
    }

    @Test
    void matmulAccumulatesWhenAsked() {
        Tensor out = Tensor.full(1f, 2, 2);
        Ops.matmul(Tensor.of(A, 2, 3), false, Tensor.of(B, 3, 2), false, out, true);
        assertArrayEquals(new float[] {59, 65, 140, 155}, out.data());
    }

    @Test
    void matmulRejectsMismatchedShapes() {
        assertEquals("matmul shapes do not match: [2, 3] x [2, 3] -> [2, 2]", assertThrows(IllegalArgumentException.class,
                () -> Ops.matmul(Tensor.of(A, 2, 3), false, Tensor.of(B_T, 2, 3), false, Tensor.zeros(2, 2), false))
                .getMessage());
        assertEquals("matmul left operand must have rank 2 but has shape [6]", assertThrows(IllegalArgumentException.class,
                () -> Ops.matmul(Tensor.of(A, 6), false, Tensor.of(B, 3, 2), false, Tensor.zeros(2, 2), false))
                .getMessage());
    }

    @Test
    void matmulRejectsAnOutputThatSharesAnOperandsArray() {
        // In place, the blocked kernel read values it had already overwritten: wrong products from 64 x 64 up.
        Tensor a = Tensor.uniform(new java.util.SplittableRandom(1), -1, 1, 64, 64);
        Tensor b = Tensor.uniform(new java.util.SplittableRandom(2), -1, 1, 64, 64);
        assertEquals("matmul output [64, 64] shares its array with the left operand; write the product into a separate"
                + " tensor", assertThrows(IllegalArgumentException.class, () -> Ops.matmul(a, false, b, false, a, false))
                .getMessage());
        assertEquals("matmul output [64, 64] shares its array with the right operand; write the product into a separate"
                + " tensor", assertThrows(IllegalArgumentException.class,
                () -> Ops.matmul(a, false, b, false, b.reshape(64, 64), true)).getMessage());
    }

    @Test
    void rowVectorBroadcastAndColumnSums() {
        Tensor x = Tensor.of(A.clone(), 2, 3);
        Ops.addRowVector(x, Tensor.of(new float[] {10, 20, 30}, 3));
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, x.data());
        Tensor sums = Tensor.full(100f, 3);
        Ops.sumRows(Tensor.of(A, 2, 3), sums, false);
        assertArrayEquals(new float[] {5, 7, 9}, sums.data());
        Ops.sumRows(Tensor.of(A, 2, 3), sums, true);
        assertArrayEquals(new float[] {10, 14, 18}, sums.data());
        assertEquals("row vector of 2 elements cannot be added to rows of 3 elements",
                assertThrows(IllegalArgumentException.class, () -> Ops.addRowVector(x, Tensor.zeros(2))).getMessage());
        assertEquals("column sums of 3 columns cannot go into 2 elements",
                assertThrows(IllegalArgumentException.class, () -> Ops.sumRows(x, Tensor.zeros(2), false)).getMessage());
    }

    @Test
    void elementWiseOperations() {
        Tensor a = Tensor.of(new float[] {1, -2, 3}, 3);
        Tensor b = Tensor.of(new float[] {0.5f, 4, -1}, 3);
        Tensor out = Tensor.zeros(3);
        Ops.add(a, b, out);
        assertArrayEquals(new float[] {1.5f, 2, 2}, out.data());
        Ops.subtract(a, b, out);
        assertArrayEquals(new float[] {0.5f, -6, 4}, out.data());
        Ops.multiply(a, b, out);
        assertArrayEquals(new float[] {0.5f, -8, -3}, out.data());
        Ops.scale(a, -2f, out);
        assertArrayEquals(new float[] {-2, 4, -6}, out.data());
        Tensor y = b.copy();
        Ops.axpy(2f, a, y);
        assertArrayEquals(new float[] {2.5f, 0, 5}, y.data());
        assertEquals("add: sizes differ, [3] and [2]", assertThrows(IllegalArgumentException.class,
                () -> Ops.add(a, Tensor.zeros(2), out)).getMessage());
    }

    @Test
    void reductionsAccumulateInDouble() {
        // 2^24 + 1 ones: a float accumulator stalls at 2^24 = 16777216.
        Tensor ones = Tensor.full(1f, (1 << 24) + 1);
        assertEquals((1 << 24) + 1, Ops.sum(ones));
        assertEquals((1 << 24) + 1, Ops.sumOfSquares(ones));
        assertEquals(14.0, Ops.sumOfSquares(Tensor.of(new float[] {1, -2, 3}, 3)));
    }

    @Test
    void argmaxPicksTheFirstLargestInEachRow() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 9, 0, -1, -5, -5, -6}, 3, 3);
        assertArrayEquals(new int[] {1, 0, 0}, Ops.argmaxRows(x));
    }

    @Test
    void allFiniteDetectsNaNAndInfinity() {
        assertTrue(Ops.allFinite(Tensor.of(new float[] {1, -1e30f}, 2)));
        assertFalse(Ops.allFinite(Tensor.of(new float[] {1, Float.NaN}, 2)));
        assertFalse(Ops.allFinite(Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1)));
        assertEquals(-1, Ops.firstNonFinite(Tensor.of(new float[] {1, -1e30f}, 2)));
        assertEquals(2, Ops.firstNonFinite(Tensor.of(new float[] {1, 2, Float.POSITIVE_INFINITY, Float.NaN}, 4)));
    }
}
