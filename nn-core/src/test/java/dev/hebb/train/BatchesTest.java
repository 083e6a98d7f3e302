package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchesTest {

    /** Sample i has features {10i, 10i+1} and target i. */
    private static final Dataset DATA = new Dataset(
            Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, 5, 2), Tensor.of(new float[] {0, 1, 2, 3, 4}, 5));
    private static final int[] ORDER = {4, 2, 0, 1, 3};

    private final Kernel original = Kernels.get();

    @AfterEach
    void restoreKernel() {
        Kernels.use(original);
    }

    /** Each batch's targets (the sample ids) and features, copied as they come. */
    private static List<float[]> pass(Batches batches, int[] order, boolean prefetch) {
        List<float[]> seen = new ArrayList<>();
        batches.start(order);
        while (batches.hasNext()) {
            Batches.Batch batch = batches.next();
            if (prefetch) {
                batches.prefetch();
                batches.prefetch(); // a second call changes nothing
            }
            assertEquals(seen.size() / 2, batch.index());
            assertEquals(batch.rows(), batch.targets().size());
            seen.add(batch.targets().data().clone());
            seen.add(batch.features().data().clone());
        }
        return seen;
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void batchesHoldTheSamplesInOrderWithOrWithoutPrefetching(int threads) {
        Kernels.use(Kernels.best(threads));
        for (boolean prefetch : new boolean[] {false, true}) {
            List<float[]> seen = pass(new Batches(DATA, 2), ORDER, prefetch);
            assertEquals(6, seen.size(), "three batches: 2 + 2 + 1 samples");
            assertArrayEquals(new float[] {4, 2}, seen.get(0));
            assertArrayEquals(new float[] {40, 41, 20, 21}, seen.get(1));
            assertArrayEquals(new float[] {0, 1}, seen.get(2));
            assertArrayEquals(new float[] {0, 1, 10, 11}, seen.get(3));
            assertArrayEquals(new float[] {3}, seen.get(4));
            assertArrayEquals(new float[] {30, 31}, seen.get(5));
        }
    }

    /** A prefetch copies a batch in chunks of a few rows, the last one partial; every row must arrive once. */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void batchesOfSeveralPrefetchChunksArriveWhole(int threads) {
        Kernels.use(Kernels.best(threads));
        int samples = 47;
        int batchSize = 4 * Batches.PREFETCH_ROWS + 3;
        float[] features = new float[samples * 3];
        float[] targets = new float[samples];
        for (int i = 0; i < samples; i++) {
            features[3 * i] = i;
            features[3 * i + 1] = 100 + i;
            features[3 * i + 2] = 200 + i;
            targets[i] = i;
        }
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = (i * 17 + 5) % samples; // 17 is prime to 47: a permutation
        }
        Dataset data = new Dataset(Tensor.of(features, samples, 3), Tensor.of(targets, samples));
        for (int repeat = 0; repeat < 20; repeat++) {
            List<float[]> seen = pass(new Batches(data, batchSize), order, true);
            assertEquals(6, seen.size(), "three batches: 19 + 19 + 9 samples");
            for (int b = 0; b < 3; b++) {
                float[] ids = seen.get(2 * b);
                float[] rows = seen.get(2 * b + 1);
                assertEquals(Math.min(batchSize, samples - b * batchSize), ids.length);
                for (int r = 0; r < ids.length; r++) {
                    int sample = order[b * batchSize + r];
                    assertEquals(sample, ids[r], "batch " + b + " row " + r);
                    assertArrayEquals(new float[] {sample, 100 + sample, 200 + sample},
                            Arrays.copyOfRange(rows, 3 * r, 3 * r + 3), "batch " + b + " row " + r);
                }
            }
        }
    }

    @Test
    void twoSetsOfBuffersAlternateAndServeEveryPass() {
        Batches batches = new Batches(DATA, 1);
        batches.start(ORDER);
        Batches.Batch first = batches.next();
        batches.prefetch();
        Batches.Batch second = batches.next();
        Batches.Batch third = batches.next();
        assertNotSame(first.features(), second.features(), "the batch after a batch goes to the other buffers");
        assertSame(first.features(), third.features());
        assertSame(first.targets(), third.targets());
        assertArrayEquals(new float[] {0, 1}, third.features().data(), "the third batch is sample ORDER[2] = 0");
        batches.start(new int[] {1});
        assertSame(first.features(), batches.next().features(), "a new pass reuses the buffers");
        assertFalse(batches.hasNext());
    }

    @Test
    void aBatchStaysValidWhileTheNextIsPrefetched() {
        Kernels.use(Kernels.best(2));
        Batches batches = new Batches(DATA, 2);
        batches.start(ORDER);
        Batches.Batch first = batches.next();
        batches.prefetch();
        Batches.Batch second = batches.next();
        assertArrayEquals(new float[] {40, 41, 20, 21}, first.features().data());
        assertArrayEquals(new float[] {0, 1, 10, 11}, second.features().data());
    }

    @Test
    void badArgumentsAreRejectedWithTheirValue() {
        assertEquals("batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Batches(DATA, 0)).getMessage());
        Batches batches = new Batches(DATA, 2);
        assertEquals("sample index 7 at position 1 is outside the data set of 5 samples",
                assertThrows(IllegalArgumentException.class, () -> batches.start(new int[] {0, 7})).getMessage());
        batches.start(new int[] {0});
        batches.next();
        batches.prefetch(); // nothing left: no effect
        assertEquals("the pass over 1 samples has no batch left",
                assertThrows(NoSuchElementException.class, batches::next).getMessage());
    }
}
