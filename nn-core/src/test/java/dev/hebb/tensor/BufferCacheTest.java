package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void keepsOnlyTheMostRecentlyUsedShapes() {
        BufferCache cache = new BufferCache(3);
        Tensor a = cache.get(1, 4);
        Tensor b = cache.get(2, 4);
        Tensor c = cache.get(3, 4);
        assertSame(a, cache.get(1, 4), "a hit makes a shape the most recent");
        Tensor d = cache.get(4, 4);
        assertNotSame(b, cache.get(2, 4), "the least recently used shape (2) was dropped for the fourth");
        // Now, most recent first: 2, 4, 1; shape 3 was dropped when 2 came back.
        assertSame(a, cache.get(1, 4));
        assertSame(d, cache.get(4, 4));
        assertNotSame(c, cache.get(3, 4));
    }

    @Test
    void aServerSeeingEverNewBatchSizesKeepsOnlyTheLastCapacityOfThem() {
        BufferCache cache = new BufferCache();
        Tensor[] first = new Tensor[BufferCache.DEFAULT_CAPACITY];
        Tensor one = cache.get(1, 3);
        for (int rows = 2; rows <= 1000; rows++) {
            Tensor t = cache.get(rows, 3);
            if (rows > 1000 - first.length) {
                first[rows - (1000 - first.length) - 1] = t;
            }
        }
        for (int i = 0; i < first.length; i++) {
            assertSame(first[i], cache.get(1000 - first.length + 1 + i, 3), "the last " + first.length + " are kept");
        }
        assertNotSame(one, cache.get(1, 3), "the first size was dropped long ago");
    }

    @Test
    void trainingsAlternationOfFullAndPartialBatchesNeverReallocates() {
        BufferCache cache = new BufferCache();
        Tensor full = cache.get(128, 10);
        Tensor partial = cache.get(96, 10);
        Tensor validation = cache.get(16, 10);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int step = 0; step < 20; step++) {
                assertSame(full, cache.get(128, 10));
            }
            assertSame(partial, cache.get(96, 10));
            assertSame(validation, cache.get(16, 10));
        }
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BufferCache(0));
        assertEquals("a buffer cache needs a capacity of at least 1 shape, not 0", e.getMessage());
    }
}
