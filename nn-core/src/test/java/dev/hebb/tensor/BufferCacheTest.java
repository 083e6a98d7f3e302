package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BufferCacheTest {

    @Test
    void sameShapeGivesTheSameBufferAndOtherShapesOthers() {
        BufferCache cache = new BufferCache();
        Tensor a = cache.get(4, 3);
        assertSame(a, cache.get(4, 3));
        assertNotSame(a, cache.get(2, 3));
        assertNotSame(a, cache.get(3, 4));
        assertSame(a, cache.get(4, 3), "alternating shapes (last partial batch) keeps both");
    }

    @Test
    void firstUseIsZeroedAndLaterUsesKeepTheContents() {
        BufferCache cache = new BufferCache();
        Tensor a = cache.get(2);
        assertArrayEquals(new float[2], a.data());
        a.fill(5f);
        assertArrayEquals(new float[] {5, 5}, cache.get(2).data());
    }

    @Test
    void batchPrependsTheRowCount() {
        BufferCache cache = new BufferCache();
        Tensor b = cache.batch(8, new int[] {1, 28, 28});
        assertArrayEquals(new int[] {8, 1, 28, 28}, b.shape());
        assertSame(b, cache.get(8, 1, 28, 28));
    }

    @Test
    void theCallersShapeArrayIsNotKept() {
        BufferCache cache = new BufferCache();
        int[] shape = {2, 2};
        Tensor a = cache.get(shape);
        shape[0] = 3;
        assertSame(a, cache.get(2, 2));
    }

    @Test
    void clearForgetsEveryBuffer() {
        BufferCache cache = new BufferCache();
        Tensor a = cache.get(2);
        cache.clear();
        assertNotSame(a, cache.get(2));
    }
}
