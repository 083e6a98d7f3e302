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
    void submittedChunksRunOnAFreeHelperWithoutWaitingForAwait() throws Exception {
        Parallel pool = new Parallel(2);
        int chunks = 5;
        CountDownLatch ran = new CountDownLatch(chunks);
        Thread[] ranBy = new Thread[chunks];
        Parallel.Pending pending = pool.submit(chunks, c -> {
            ranBy[c] = Thread.currentThread();
            ran.countDown();
        });
        assertTrue(ran.await(30, TimeUnit.SECONDS), "the free helper never ran the chunks");
        pending.await();
        for (Thread t : ranBy) {
            assertNotEquals(Thread.currentThread(), t);
        }
    }

    @Test
    void chunksNoHelperHasStartedRunOnTheCallerAtAwaitEachOnce() throws Exception {
        Parallel pool = new Parallel(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Parallel.Pending busy = pool.submit(1, c -> {
            started.countDown();
            awaitOrFail(release);
        });
        assertTrue(started.await(30, TimeUnit.SECONDS), "the helper never started the first chunk");
        int chunks = 6;
        AtomicInteger[] runs = new AtomicInteger[chunks];
        Thread[] ranBy = new Thread[chunks];
        for (int c = 0; c < chunks; c++) {
            runs[c] = new AtomicInteger();
        }
        Parallel.Pending second = pool.submit(chunks, c -> {
            ranBy[c] = Thread.currentThread();
            runs[c].incrementAndGet();
        });
        second.await(); // the only helper is held by the first chunk
        second.await();
        for (int c = 0; c < chunks; c++) {
            assertEquals(Thread.currentThread(), ranBy[c], "chunk " + c);
            assertEquals(1, runs[c].get(), "chunk " + c);
        }
        release.countDown();
        busy.await();
    }

    /**
     * Submitted chunks are idle work: a helper that finishes one takes a waiting kernel call's chunk before the
     * next submitted one. The caller's own chunk of the call holds it until the helper has started the other.
     */
    @Test
    void aKernelCallGoesBeforeTheSubmittedChunksLeft() throws Exception {
        Parallel pool = new Parallel(2);
        List<String> helperLog = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch helperInIdleWork = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Parallel.Pending idle = pool.submit(3, c -> {
            helperLog.add("idle " + c);
            if (c == 2) { // the helper claims from the back
                helperInIdleWork.countDown();
                awaitOrFail(release);
            }
        });
        assertTrue(helperInIdleWork.await(30, TimeUnit.SECONDS), "the helper never started the idle work");
        CountDownLatch helperInCall = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        pool.run(2, c -> {
            if (Thread.currentThread() == caller) {
                release.countDown(); // the call is queued: free the helper, and hold chunk 1 for it
                awaitOrFail(helperInCall);
            } else {
                helperLog.add("call " + c);
                helperInCall.countDown();
            }
        });
        idle.await();
        assertEquals(List.of("idle 2", "call 1"), helperLog.subList(0, 2), "the helper's order: " + helperLog);
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Helpers join only the latest call posted, so of two calls made at once from two threads, or a call
     * made inside another's chunk, one may get no help: each must still run every chunk exactly once.
     */
    @Test
    void concurrentAndNestedCallsRunEveryChunkOnce() throws Exception {
        Parallel pool = new Parallel(3);
        int calls = 2000;
        int chunks = 4;
        int[][] runs = new int[2][calls * chunks];
        Thread[] callers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int[] mine = runs[t];
            boolean nested = t == 1;
            callers[t] = new Thread(() -> {
                for (int call = 0; call < calls; call++) {
                    int base = call * chunks;
                    pool.run(chunks, c -> {
                        if (nested && c == 0) {
                            pool.run(2, inner -> mine[base + 2 + inner]++); // chunks 2 and 3 of the outer call's
                        } else if (!nested || c < 2) {
                            mine[base + c]++;
                        }
                    });
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join(60_000);
            assertTrue(!caller.isAlive(), "a call never finished");
        }
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < calls * chunks; i++) {
                if (t == 1 && i % chunks == 0) {
                    continue; // the nested caller's chunk 0 only made the inner call
                }
                assertEquals(1, runs[t][i], "caller " + t + ", call " + i / chunks + ", chunk " + i % chunks);
            }
        }
    }

    @Test
    void withOneThreadOrAKernelWithoutThreadsChunksRunAtAwaitOnce() {
        Kernel withoutThreads = new ScalarKernel();
        AtomicInteger runs = new AtomicInteger();
        Parallel.Pending[] handles = {new Parallel(1).submit(3, c -> runs.incrementAndGet()),
            withoutThreads.submit(3, c -> runs.incrementAndGet())};
        assertEquals(0, runs.get(), "nothing runs before await");
        for (Parallel.Pending p : handles) {
            p.await();
            p.await();
        }
        assertEquals(6, runs.get(), "each chunk once");
    }

    @Test
    void whatAChunkThrowsIsRethrownByAwait() {
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.Pending pending = new Parallel(threads).submit(2, c -> {
                throw new IllegalStateException("no such row");
            });
            assertEquals("no such row", assertThrows(IllegalStateException.class, pending::await).getMessage(),
                    threads + " threads");
        }
    }
}
