package dev.hebb.internal.kernel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of one kernel call on a fixed set of threads: the caller plus {@code threads − 1}
 * daemon helpers. Chunks are claimed from a shared counter, so a helper that wakes late (the machine is
 * busy) costs nothing: the caller simply takes more chunks itself and a second core can only help.
 *
 * <p>How work is cut into chunks is decided by {@link #chunks} from the shapes alone, never from the
 * thread count; which thread runs a chunk does not matter because chunks write disjoint outputs.
 */
public final class Parallel {

    /** The system property that sets the number of threads; defaults to the available processors. */
    public static final String THREADS_PROPERTY = "hebb.threads";

    /** The most chunks one call is cut into: enough to balance 2–8 cores, few enough to stay cheap. */
    static final int MAX_CHUNKS = 8;

    private final int threads;
    private final ArrayBlockingQueue<Job> queue;

    /**
     * A pool of {@code threads} threads in total (the caller counts as one).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("kernel thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, 4 * threads));
        for (int i = 1; i < threads; i++) {
            Thread t = new Thread(this::serve, "hebb-kernel-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** The thread count from {@value #THREADS_PROPERTY}, or the number of available processors. */
    public static int configuredThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t < 1) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + THREADS_PROPERTY
                    + " must be a positive whole number of threads, got '" + v + "'", e);
        }
    }

    /** The total number of threads, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * How many chunks to cut {@code work} multiply-adds over {@code units} indivisible units into: one
     * below {@code threshold}, else one per {@code threshold} of work, at most {@code units} and
     * {@value #MAX_CHUNKS}. Depends on the shapes only.
     */
    static int chunks(long work, long threshold, int units) {
        if (work < 2 * threshold || units < 2) {
            return 1;
        }
        return (int) Math.min(Math.min(units, MAX_CHUNKS), work / threshold);
    }

    /** The first unit of chunk {@code chunk} when {@code units} are cut into {@code chunks} near-equal parts. */
    static int bound(int chunk, int chunks, int units) {
        return (int) ((long) chunk * units / chunks);
    }

    /** Runs {@code body} for every chunk in {@code [0, chunks)} and returns when all are done. */
    public void run(int chunks, IntConsumer body) {
        if (threads == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        Job job = new Job(chunks, body);
        int helpers = Math.min(threads - 1, chunks - 1);
        for (int h = 0; h < helpers; h++) {
            if (!queue.offer(job)) {
                break; // helpers are all busy (nested or concurrent calls): the caller does the rest
            }
        }
        job.work();
        job.await();
    }

    private void serve() {
        while (true) {
            try {
                queue.take().work();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final class Job {
        private final int chunks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.accept(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void await() {
            // Only chunks already running on helpers remain: spin briefly, then back off.
            int spins = 0;
            while (done.get() < chunks) {
                if (++spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("kernel chunk failed", t);
            }
        }
    }
}
