package dev.hebb.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void aSubmittedTaskRunsOnAFreeHelperWithoutWaitingForAwait() throws Exception {
        Parallel pool = new Parallel(2);
        CountDownLatch ran = new CountDownLatch(1);
        Thread[] ranBy = new Thread[1];
        Parallel.Pending pending = pool.submit(() -> {
            ranBy[0] = Thread.currentThread();
            ran.countDown();
        });
        assertTrue(ran.await(30, TimeUnit.SECONDS), "the free helper never started the task");
        pending.await();
        assertNotEquals(Thread.currentThread(), ranBy[0]);
    }

    @Test
    void aTaskNoHelperHasStartedRunsOnTheCallerAtAwaitAndOnlyOnce() throws Exception {
        Parallel pool = new Parallel(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Parallel.Pending busy = pool.submit(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS), "the helper never started the first task");
        AtomicInteger runs = new AtomicInteger();
        Thread[] ranBy = new Thread[1];
        Parallel.Pending second = pool.submit(() -> {
            ranBy[0] = Thread.currentThread();
            runs.incrementAndGet();
        });
        second.await(); // the only helper is held by the first task
        second.await();
        assertEquals(Thread.currentThread(), ranBy[0]);
        assertEquals(1, runs.get());
        release.countDown();
        busy.await();
    }

    @Test
    void withOneThreadOrAKernelWithoutThreadsATaskRunsAtAwaitOnce() {
        Kernel withoutThreads = new ScalarKernel();
        AtomicInteger runs = new AtomicInteger();
        Parallel.Pending[] handles = {new Parallel(1).submit(runs::incrementAndGet),
            withoutThreads.submit(runs::incrementAndGet)};
        assertEquals(0, runs.get(), "nothing runs before await");
        for (Parallel.Pending p : handles) {
            p.await();
            p.await();
        }
        assertEquals(2, runs.get(), "each task once");
    }

    @Test
    void whatATaskThrowsIsRethrownByAwait() {
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.Pending pending = new Parallel(threads).submit(() -> {
                throw new IllegalStateException("no such row");
            });
            assertEquals("no such row", assertThrows(IllegalStateException.class, pending::await).getMessage(),
                    threads + " threads");
        }
    }
}
