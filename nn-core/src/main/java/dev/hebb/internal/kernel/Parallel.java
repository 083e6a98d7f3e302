package dev.hebb.internal.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of one kernel call on a fixed set of threads: the caller plus {@code threads − 1}
 * daemon helpers. Chunks are claimed dynamically, so a helper that wakes late (the machine is busy) costs
 * nothing: the caller simply takes more chunks itself and a second core can only help. The caller claims
 * from the front and helpers from the back, so that calls of the same shapes give each thread the same
 * chunks whenever both take part, and each finds its data of the step before in its own cache.
 *
 * <p>How work is cut into chunks is decided by {@link #chunks} from the shapes alone, never from the
 * thread count; which thread runs a chunk does not matter because chunks write disjoint outputs.
 *
 * <p>A helper that has just worked polls for the next job for {@value #SPIN_NANOS} ns before it parks: a
 * training step issues a kernel call every few tens of microseconds, and waking a parked thread takes
 * about as long, so without the spin the helper would arrive when the caller has done most chunks itself.
 */
public final class Parallel {

    /** The system property that sets the number of threads; defaults to the available processors. */
    public static final String THREADS_PROPERTY = "hebb.threads";

    /** The most chunks one call is cut into: enough to balance 2–8 cores, few enough to stay cheap. */
    static final int MAX_CHUNKS = 8;

    /** How long an idle helper keeps polling before it parks. */
    static final long SPIN_NANOS = 100_000;

    private final int threads;
    /**
     * The kernel call whose chunks helpers should join, or null. One slot, not a queue: a helper always joins
     * the latest call, and a call it misses (two callers at once) is finished by its caller alone. Handing a
     * call over costs the helper a few cache lines from the caller's core (~0.25 µs each here), so the
     * fewer objects it reads on the way to its first chunk, the sooner it starts.
     */
    private volatile Job posted;
    /** Jobs of {@link #submit}: helpers take their chunks one at a time, only when no kernel call is {@link #posted}. */
    private final ConcurrentLinkedQueue<Job> idleWork = new ConcurrentLinkedQueue<>();
    private final Helper[] helpers;

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
        this.helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper("hebb-kernel-" + (i + 1));
            helpers[i].start();
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
    public static int chunks(long work, long threshold, int units) {
        if (work < 2 * threshold || units < 2) {
            return 1;
        }
        return (int) Math.min(Math.min(units, MAX_CHUNKS), work / threshold);
    }

    /** The first unit of chunk {@code chunk} when {@code units} are cut into {@code chunks} near-equal parts. */
    public static int bound(int chunk, int chunks, int units) {
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
        posted = job; // helpers busy elsewhere (nested or concurrent calls) leave it to the caller
        for (Helper h : helpers) {
            if (h.parked) {
                LockSupport.unpark(h);
            }
        }
        job.finish();
        if (posted == job) {
            posted = null; // a finished call's chunk body need not stay reachable
        }
    }

    /**
     * Queues {@code chunks} chunks of {@code body} as idle work, and returns their handle: helpers run them one
     * chunk at a time, and only when no call of {@link #run} is waiting, so kernel calls keep priority and wait
     * at most for one chunk in progress. {@link Pending#await()} runs the chunks no helper has claimed on the
     * calling thread, then waits for those in progress. So work such as gathering the next batch fills the
     * helpers' idle moments of a training step, and with one thread it all runs at {@code await}. Chunks may
     * run concurrently, so they must write disjoint outputs.
     */
    public Pending submit(int chunks, IntConsumer body) {
        Job job = new Job(chunks, body);
        if (threads > 1 && chunks > 0) {
            idleWork.offer(job);
            for (Helper h : helpers) {
                if (h.parked) {
                    LockSupport.unpark(h);
                    break;
                }
            }
        }
        return job::finish;
    }

    /** A handle whose first {@code await} runs the chunks on the calling thread (kernels without threads). */
    static Pending deferred(int chunks, IntConsumer body) {
        return new Job(chunks, body)::finish;
    }

    /** Work queued by {@link #submit}. */
    @FunctionalInterface
    public interface Pending {
        /**
         * Returns when every chunk has run, having run here those no helper had started; rethrows what a
         * chunk threw. Each chunk runs once however often this is called.
         */
        void await();
    }

    /**
     * A daemon thread that runs chunks of the posted kernel call, else single chunks of idle work, spinning
     * briefly between jobs, then parking.
     */
    private final class Helper extends Thread {
        /** Set before the last look for work and parking, so that a caller that posts work then sees it. */
        volatile boolean parked;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long lastWork = System.nanoTime();
            Job joined = null;
            while (true) {
                Job job = posted;
                Job idle;
                if (job != null && job != joined) {
                    joined = job;
                    job.work(false);
                    lastWork = System.nanoTime();
                } else if ((idle = idleWork.peek()) != null) {
                    // One chunk, then a look for a kernel call again: one that arrives meanwhile goes first.
                    if (!idle.workOne()) {
                        idleWork.remove(idle); // every chunk claimed (by helpers or by the caller's await)
                    }
                    lastWork = System.nanoTime();
                } else if (System.nanoTime() - lastWork < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    Job last = posted;
                    if ((last == null || last == joined) && idleWork.isEmpty()) {
                        joined = null; // a parked helper keeps no finished call's data reachable
                        LockSupport.park(this); // a caller that posted after the check has unparked us
                    }
                    parked = false;
                    lastWork = System.nanoTime();
                }
            }
        }
    }

    private static final class Job {
        private static final VarHandle UNCLAIMED;
        private static final VarHandle DONE;
        private static final VarHandle FAILURE;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                UNCLAIMED = lookup.findVarHandle(Job.class, "unclaimed", long.class);
                DONE = lookup.findVarHandle(Job.class, "done", int.class);
                FAILURE = lookup.findVarHandle(Job.class, "failure", Throwable.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int chunks;
        private final IntConsumer body;
        // Fields, not Atomic* objects: the helper finds them in the cache line of the job it has just read.
        /** The unclaimed chunks {@code [front, back)}, as {@code front << 32 | back}. */
        private volatile long unclaimed;
        private volatile int done;
        private volatile Throwable failure;

        Job(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
            this.unclaimed = chunks;
        }

        /**
         * Runs unclaimed chunks until none is left: the caller claims from the front, helpers from the back.
         * So when both are present, each runs the same chunks of every call with the same shapes, step after
         * step, and finds in its own cache the data it wrote the step before (the two cores here share no
         * cache); when a helper is absent the caller still takes everything.
         */
        void work(boolean caller) {
            int c;
            while ((c = claim(caller)) >= 0) {
                runChunk(c);
            }
        }

        /** Claims one chunk from the back and runs it; false when none was left. */
        boolean workOne() {
            int c = claim(false);
            if (c < 0) {
                return false;
            }
            runChunk(c);
            return true;
        }

        private void runChunk(int c) {
            try {
                body.accept(c);
            } catch (Throwable t) {
                FAILURE.compareAndSet(this, null, t);
            } finally {
                DONE.getAndAdd(this, 1);
            }
        }

        /** A chunk claimed from the front or the back, or −1 when none is left. */
        private int claim(boolean front) {
            while (true) {
                long u = unclaimed;
                int first = (int) (u >>> 32);
                int end = (int) u;
                if (first >= end) {
                    return -1;
                }
                long next = front ? u + (1L << 32) : u - 1;
                if (UNCLAIMED.compareAndSet(this, u, next)) {
                    return front ? first : end - 1;
                }
            }
        }

        /** Runs the chunks nobody has claimed on the calling thread, then waits for those helpers run. */
        void finish() {
            work(true);
            await();
        }

        void await() {
            // Only chunks already running on helpers remain: spin briefly, then back off.
            int spins = 0;
            while (done < chunks) {
                if (++spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
            Throwable t = failure;
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
