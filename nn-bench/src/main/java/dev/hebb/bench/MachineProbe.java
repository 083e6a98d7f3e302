package dev.hebb.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the two properties of a machine that decide how much a second core can help a training step
 * cut into many short parallel jobs, and prints them:
 * <ul>
 *   <li>the round trip of a cache line between two threads (two cores sharing a cache: ~50–100 ns; two
 *       cores on different chips or dies: several hundred), which every hand-over of a job pays and which
 *       data written on one core and read on the other pays per line;</li>
 *   <li>how often a busy thread loses its core for a while (timer interrupts, a hypervisor running other
 *       guests): a thread that joins in a parallel job and then stalls holds up the caller;</li>
 *   <li>whether two threads get twice one thread's arithmetic: fma chains that touch no memory, on one
 *       thread and on two at once (two hardware threads of one core would share its fma units).</li>
 * </ul>
 * Usage: {@code MachineProbe [seconds per stall test, default 3]}. Nothing here depends on Hebb's code.
 */
public final class MachineProbe {

    private static final long GAP_NANOS = 10_000;

    private MachineProbe() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf("%d processors%n", Runtime.getRuntime().availableProcessors());
        pingPong(200_000); // compiles the loop
        System.out.printf("cache line round trip between two threads: %.0f ns%n", pingPong(2_000_000));
        for (int threads = 1; threads <= Math.min(2, Runtime.getRuntime().availableProcessors()); threads++) {
            stalls(threads, (long) (seconds * 1e9));
        }
        fmaScaling();
    }

    /** Fma throughput (scalar doubles, no memory traffic) on one thread, then on two at once. */
    private static void fmaScaling() throws InterruptedException {
        long iterations = 100_000_000;
        for (int i = 0; i < 20; i++) {
            fmaChains(iterations / 100); // compiles the method, not only its loop
        }
        double one = fmaChains(iterations);
        double[] seconds = new double[2];
        Thread[] pair = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int index = t;
            pair[t] = new Thread(() -> seconds[index] = fmaChains(iterations));
            pair[t].start();
        }
        for (Thread t : pair) {
            t.join();
        }
        double rateOne = FMA_CHAINS * iterations / one / 1e9;
        double rateTwo = 2 * FMA_CHAINS * iterations / Math.max(seconds[0], seconds[1]) / 1e9;
        System.out.printf("fma throughput (doubles, no memory): 1 thread %.1f G/s, 2 threads %.1f G/s (%.2fx)%n",
                rateOne, rateTwo, rateTwo / rateOne);
    }

    private static final int FMA_CHAINS = 8;
    private static volatile double sink;

    /** Seconds for {@code iterations} rounds of {@value #FMA_CHAINS} independent fma chains. */
    private static double fmaChains(long iterations) {
        double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        double m = 0.999999;
        double c = 1e-7;
        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        sink = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
        return elapsed;
    }

    /** Nanoseconds per round trip of a counter passed back and forth between two busy threads. */
    private static double pingPong(int trips) throws InterruptedException {
        AtomicLong ball = new AtomicLong();
        Thread other = new Thread(() -> {
            for (long i = 0; i < trips; i++) {
                while (ball.get() != 2 * i + 1) {
                    // wait for the serve
                }
                ball.set(2 * i + 2);
            }
        });
        other.start();
        long start = System.nanoTime();
        for (long i = 0; i < trips; i++) {
            ball.set(2 * i + 1);
            while (ball.get() != 2 * i + 2) {
                // wait for the return
            }
        }
        long elapsed = System.nanoTime() - start;
        other.join();
        return (double) elapsed / trips;
    }

    /** Runs {@code threads} busy threads for {@code nanos} and reports the gaps each saw in its own clock. */
    private static void stalls(int threads, long nanos) throws InterruptedException {
        long[][] results = new long[threads][];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            new Thread(() -> {
                results[index] = watch(nanos);
                done.countDown();
            }).start();
        }
        done.await();
        for (int t = 0; t < threads; t++) {
            long[] r = results[t];
            System.out.printf("%d busy thread%s, thread %d: %d stalls > 10 µs (%.2f per ms), %d > 100 µs, longest %.0f µs,"
                    + " %.1f%% of the time lost%n", threads, threads == 1 ? "" : "s", t + 1, r[0], r[0] / (nanos / 1e6), r[1],
                    r[2] / 1e3, 100.0 * r[3] / nanos);
        }
    }

    /** Reads the clock in a loop for {@code nanos}: {stalls over 10 µs, over 100 µs, longest, total stalled}. */
    private static long[] watch(long nanos) {
        long start = System.nanoTime();
        long last = start;
        long count = 0;
        long long100 = 0;
        long longest = 0;
        long lost = 0;
        while (last - start < nanos) {
            long now = System.nanoTime();
            long gap = now - last;
            if (gap > GAP_NANOS) {
                count++;
                lost += gap;
                longest = Math.max(longest, gap);
                if (gap > 100_000) {
                    long100++;
                }
            }
            last = now;
        }
        return new long[] {count, long100, longest, lost};
    }
}
