package dev.hebb.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelTest {

    /**
     * The caller claims chunks from the front and helpers from the back, so that with the same shapes each
     * thread gets the same chunks call after call (and keeps their data in its own cache). The latch makes
     * both threads hold a chunk before either goes on, so the helper surely takes part.
     */
    @Test
    void theCallerRunsAPrefixOfTheChunksAndTheHelperTheRest() throws Exception {
        Parallel pool = new Parallel(2);
        int chunks = 8;
        Thread caller = Thread.currentThread();
        Thread[] ranBy = new Thread[chunks];
        Set<Thread> started = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        pool.run(chunks, c -> {
            if (started.add(Thread.currentThread())) {
                both.countDown();
                try {
                    assertTrue(both.await(30, TimeUnit.SECONDS), "the helper never started a chunk");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            ranBy[c] = Thread.currentThread();
        });
        assertEquals(caller, ranBy[0], "the caller's first claim is the first chunk");
        assertNotEquals(caller, ranBy[chunks - 1], "the helper's first claim is the last chunk");
        List<Integer> switches = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            if (ranBy[c] != ranBy[c - 1]) {
                switches.add(c);
            }
        }
        assertEquals(1, switches.size(), "the caller's chunks are a prefix, the helper's the rest: " + List.of(ranBy));
    }
}
