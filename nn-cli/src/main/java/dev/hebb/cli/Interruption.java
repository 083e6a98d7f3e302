package dev.hebb.cli;

import dev.hebb.train.TrainingListener;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during training: a shutdown hook asks the trainer to stop after the current
 * batch, then holds the JVM open until the command has finished writing (checkpoints are written
 * atomically after each epoch, so the last one on disk is always complete) and has said where it is.
 */
final class Interruption implements TrainingListener, AutoCloseable {

    /** How long the hook waits for the training thread before letting the JVM exit anyway. */
    private static final long GRACE_SECONDS = 60;

    /**
     * For tests, which cannot send a signal to their own JVM: when positive, training behaves as if
     * Ctrl-C came right after that epoch (1-based) ended.
     */
    static volatile int simulateAfterEpoch;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(PrintWriter err) {
        hook = new Thread(() -> {
            requested = true;
            err.println();
            err.println("nn: stopping after this batch (Ctrl-C again is ignored while the checkpoint is kept)...");
            err.flush();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nn-interrupt");
    }

    /** Registers the shutdown hook; {@link #close()} removes it. */
    static Interruption install(PrintWriter err) {
        Interruption i = new Interruption(err);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** Asks training to stop after the current batch, as Ctrl-C does. */
    void request() {
        requested = true;
    }

    @Override
    public void onEpochEnd(dev.hebb.train.EpochMetrics metrics) {
        if (metrics.epoch() + 1 == simulateAfterEpoch) {
            request();
        }
    }

    @Override
    public boolean stopRequested() {
        return requested;
    }

    /** Lets a waiting hook (and so the JVM) finish, and removes the hook when the JVM is not shutting down. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it has just been released.
        }
    }
}
