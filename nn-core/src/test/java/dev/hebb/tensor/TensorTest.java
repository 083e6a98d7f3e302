package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void sizeOfRejectsShapesTooLargeForAnArrayEvenWhenTheirProductWrapsALong() {
        assertEquals(784 * 10, Tensor.sizeOf(10, 28, 28));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.sizeOf(65536, 65536, 65536, 65536));        // 2^64: 0 in a long
        assertEquals("shape [65536, 65536, 65536, 65536] has more elements than a Java array holds", e.getMessage());
    }

    @Test
    void zerosHasTheShapeAndSize() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape());
        assertEquals(3, t.rank());
        assertEquals(24, t.size());
        assertEquals(12, t.rowSize());
        assertEquals(4, t.dim(-1));
        assertEquals(2, t.dim(0));
        assertArrayEquals(new float[24], t.data());
    }

    @Test
    void scalarHasRankZeroAndOneElement() {
        Tensor s = Tensor.scalar(2.5f);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(2.5f, s.get());
    }

    @Test
    void elementsAreRowMajor() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals(5f, t.get(1, 2));
        assertEquals(3f, t.get(1, 0));
        t.set(9f, 0, 2);
        assertEquals(9f, t.data()[2]);
    }

    @Test
    void ofUsesTheArrayWithoutCopying() {
        float[] data = {1, 2};
        assertSame(data, Tensor.of(data, 2).data());
    }

    @Test
    void badShapesAndIndicesAreRejectedWithTheShape() {
        assertEquals("tensor data has 5 elements but shape [2, 3] needs 6", assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[5], 2, 3)).getMessage());
        assertEquals("negative dimension in shape [2, -1]", assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, -1)).getMessage());
        Tensor t = Tensor.zeros(2, 3);
        assertEquals("index [2, 0] is out of bounds for shape [2, 3]", assertThrows(IndexOutOfBoundsException.class,
                () -> t.get(2, 0)).getMessage());
        assertEquals("index [1] has 1 coordinates but the tensor has rank 2", assertThrows(IllegalArgumentException.class,
                () -> t.get(1)).getMessage());
        assertEquals("axis 2 is out of range for shape [2, 3]", assertThrows(IndexOutOfBoundsException.class,
                () -> t.dim(2)).getMessage());
        assertEquals("shape [65536, 65536] has more elements than a Java array holds",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536)).getMessage());
    }

    @Test
    void reshapeIsAViewAndInfersOneDimension() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor r = t.reshape(3, -1);
        assertArrayEquals(new int[] {3, 2}, r.shape());
        r.set(7f, 2, 1);
        assertEquals(7f, t.get(1, 2), "the view shares the data");
        assertEquals("cannot reshape [2, 3] (6 elements) to [4, 2]", assertThrows(IllegalArgumentException.class,
                () -> t.reshape(4, 2)).getMessage());
        assertEquals("only one dimension can be -1 in [-1, -1]", assertThrows(IllegalArgumentException.class,
                () -> t.reshape(-1, -1)).getMessage());
        assertEquals("cannot reshape [2, 3] to [4, -1]", assertThrows(IllegalArgumentException.class,
                () -> t.reshape(4, -1)).getMessage());
    }

    @Test
    void copyIsDeepAndCopyFromChecksTheSize() {
        Tensor t = Tensor.of(new float[] {1, 2}, 2);
        Tensor c = t.copy();
        c.data()[0] = 5;
        assertEquals(1f, t.data()[0]);
        t.copyFrom(Tensor.of(new float[] {3, 4}, 1, 2));
        assertArrayEquals(new float[] {3, 4}, t.data());
        assertEquals("cannot copy [3] into [2]", assertThrows(IllegalArgumentException.class,
                () -> t.copyFrom(Tensor.zeros(3))).getMessage());
    }

    @Test
    void shapeAccessorsDoNotExposeInternals() {
        Tensor t = Tensor.zeros(2, 3);
        t.shape()[0] = 9;
        assertTrue(t.hasShape(2, 3));
        assertTrue(t.sameShape(Tensor.zeros(2, 3)));
        assertFalse(t.sameShape(Tensor.zeros(3, 2)));
    }

    @Test
    void fullAndFillSetEveryElement() {
        assertArrayEquals(new float[] {7, 7, 7}, Tensor.full(7f, 3).data());
        Tensor t = Tensor.zeros(2);
        t.fill(-1f);
        assertArrayEquals(new float[] {-1, -1}, t.data());
    }

    @Test
    void seededRandomTensorsAreReproducibleAndInRange() {
        Tensor a = Tensor.uniform(new SplittableRandom(3), -0.5f, 0.5f, 1000);
        Tensor b = Tensor.uniform(new SplittableRandom(3), -0.5f, 0.5f, 1000);
        assertArrayEquals(a.data(), b.data());
        for (float v : a.data()) {
            assertTrue(v >= -0.5f && v <= 0.5f, "out of range: " + v);
        }
        // 100 000 normal draws: the standard error of the mean is 0.002·σ, so ±0.02 is > 5 standard errors.
        Tensor n = Tensor.normal(new SplittableRandom(4), 1f, 2f, 100_000);
        double mean = Ops.sum(n) / n.size();
        double var = Ops.sumOfSquares(n) / n.size() - mean * mean;
        assertEquals(1.0, mean, 0.02);
        assertEquals(2.0, Math.sqrt(var), 0.02);
    }

    @Test
    void toStringShowsShapeAndFirstValues() {
        assertEquals("Tensor[2] [1.0, 2.0]", Tensor.of(new float[] {1, 2}, 2).toString());
        assertEquals("Tensor[12] [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ...]", Tensor.zeros(12).toString());
    }
}
