package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static final Dataset DATA = new Dataset(Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2),
            Tensor.of(new float[] {0, 1, 2}, 3));

    @Test
    void sizeAndSampleShape() {
        assertEquals(3, DATA.size());
        assertArrayEquals(new int[] {2}, DATA.sampleShape());
    }

    @Test
    void subsetCopiesTheRowsInTheGivenOrder() {
        Dataset s = DATA.subset(new int[] {2, 0});
        assertArrayEquals(new float[] {20, 21, 0, 1}, s.features().data());
        assertArrayEquals(new float[] {2, 0}, s.targets().data());
        s.features().data()[0] = -1;
        assertEquals(20f, DATA.features().get(2, 0), "a copy");
    }

    @Test
    void subsetRejectsAnIndexOutsideTheDataSet() {
        assertEquals("sample index 3 at position 1 is outside the data set of 3 samples",
                assertThrows(IllegalArgumentException.class, () -> DATA.subset(new int[] {0, 3})).getMessage());
        assertEquals("sample index -1 at position 0 is outside the data set of 3 samples",
                assertThrows(IllegalArgumentException.class, () -> DATA.subset(new int[] {-1})).getMessage());
    }

    @Test
    void gatherRowsFillsABatchBuffer() {
        Tensor batch = Tensor.zeros(2, 2);
        Dataset.gatherRows(DATA.features(), new int[] {2, 1, 0}, 1, 2, batch);
        assertArrayEquals(new float[] {10, 11, 0, 1}, batch.data());
        assertEquals("cannot gather 2 rows of 2 elements into a tensor of shape [3, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.gatherRows(DATA.features(), new int[] {0, 1}, 0, 2, Tensor.zeros(3, 2))).getMessage());
    }

    @Test
    void largeGathersAreSplitOverTheKernelThreadsWithTheSameResult() {
        Kernel original = Kernels.get();
        try {
            SplittableRandom random = new SplittableRandom(5);
            Tensor source = Tensor.uniform(random, -1, 1, 300, 1000);
            int[] order = new int[300];
            for (int i = 0; i < order.length; i++) {
                order[i] = (i * 7) % order.length;
            }
            float[] expected = new float[200 * 1000];
            for (int i = 0; i < 200; i++) {
                System.arraycopy(source.data(), order[50 + i] * 1000, expected, i * 1000, 1000);
            }
            for (int threads = 1; threads <= 3; threads++) {
                Kernels.use(Kernels.best(threads));
                Tensor batch = Tensor.zeros(200, 1000);
                Dataset.gatherRows(source, order, 50, 200, batch);
                assertArrayEquals(expected, batch.data(), threads + " threads");
            }
        } finally {
            Kernels.use(original);
        }
    }

    @Test
    void mismatchedRowCountsAreRejected() {
        assertEquals("dataset has 3 feature rows but 2 target rows", assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(2))).getMessage());
        assertEquals("dataset tensors need a sample dimension; got features [] and targets [1]",
                assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.scalar(1), Tensor.zeros(1)))
                        .getMessage());
    }
}
