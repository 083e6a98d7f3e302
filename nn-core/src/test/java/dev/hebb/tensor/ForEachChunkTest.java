package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Ops#forEachChunk}: every index once, a cut fixed by length and grain, small work on the caller. */
class ForEachChunkTest {

    private final Kernel original = Kernels.get();

    @AfterEach
    void restoreKernel() {
        Kernels.use(original);
    }

    /** The ranges the work was cut into, as "from..to", on a kernel with {@code threads} threads. */
    private static Set<String> cut(int threads, int length, int grain) {
        Kernels.use(Kernels.best(threads));
        Set<String> ranges = new ConcurrentSkipListSet<>();
        AtomicIntegerArray visits = new AtomicIntegerArray(length);
        Ops.forEachChunk(length, grain, (from, to) -> {
            ranges.add(from + ".." + to);
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < length; i++) {
            assertEquals(1, visits.get(i), "index " + i + " of " + length + " (grain " + grain + ")");
        }
        return new TreeSet<>(ranges);
    }

    @Test
    void everyIndexIsVisitedOnceAndTheCutDoesNotDependOnThreads() {
        for (int[] c : new int[][] {{0, 1}, {1, 1}, {2, 1}, {1000, 64}, {100_000, 16_384}, {235_146, 1000}, {5000, 4999}}) {
            Set<String> one = cut(1, c[0], c[1]);
            assertEquals(one, cut(2, c[0], c[1]), "length " + c[0] + " grain " + c[1]);
            assertEquals(one, cut(3, c[0], c[1]), "length " + c[0] + " grain " + c[1]);
        }
    }

    @Test
    void largeWorkIsCutIntoAlignedChunksAndSmallWorkIsNot() {
        assertEquals(Set.of("0..100"), cut(2, 100, 64));
        Set<String> chunks = cut(2, 100_000, 16_384);
        assertEquals(6, chunks.size());
        for (String r : chunks) {
            int from = Integer.parseInt(r.substring(0, r.indexOf('.')));
            assertEquals(0, from % 64, r);
        }
    }

    @Test
    void smallWorkRunsOnTheCallingThread() {
        Kernels.use(Kernels.best(2));
        List<Thread> ran = new java.util.ArrayList<>();
        Ops.forEachChunk(10, 8, (from, to) -> ran.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), ran);
    }

    @Test
    void nonsenseArgumentsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.forEachChunk(-1, 1, (a, b) -> { }));
        assertTrue(e.getMessage().contains("length -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ops.forEachChunk(10, 0, (a, b) -> { }));
        assertTrue(e.getMessage().contains("grain 0"), e.getMessage());
    }
}
