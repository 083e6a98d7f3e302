package dev.hebb.cli;

import dev.hebb.train.TrainingListener;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop training after the current batch, heard by the trainer as a listener. The command
 * line's comes from Ctrl-C (or SIGTERM), see {@link #onShutdownSignal}; {@code nn train} asks the
 * {@link Source} it was given, so that code embedding or testing the command can stop a run by calling
 * {@link #request()} instead of sending a signal.
 */
class Interruption implements TrainingListener, AutoCloseable {

    /** Opens the interruption of one training run; it is closed when the run's command has finished writing. */
    @FunctionalInterface
    interface Source {
        /** An interruption for a run that reports to {@code err}. */
        Interruption open(PrintWriter err);
    }

    /** How long the shutdown hook waits for the training thread before letting the JVM exit anyway. */
    private static final long GRACE_SECONDS = 60;

    private volatile boolean requested;

    /** Asks training to stop after the current batch, as Ctrl-C does. */
    void request() {
        requested = true;
    }

    @Override
    public boolean stopRequested() {
        return requested;
    }

    /** Called when the command has finished writing; nothing to release here. */
    @Override
    public void close() {
    }

    /** Ctrl-C (or SIGTERM) stops the run: the {@link Source} {@code nn} uses outside tests. */
    static Interruption onShutdownSignal(PrintWriter err) {
        return new ShutdownSignal(err);
    }

    /**
     * A shutdown hook asks the trainer to stop after the current batch, then holds the JVM open until the
     * command has finished writing (checkpoints are written atomically after each epoch, so the last one on
     * disk is always complete) and has said where it is.
     */
    private static final class ShutdownSignal extends Interruption {

        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;

        ShutdownSignal(PrintWriter err) {
            hook = new Thread(() -> {
                request();
                err.println();
                err.println("nn: stopping after this batch (Ctrl-C again is ignored while the checkpoint is kept)...");
                err.flush();
                try {
                    finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "nn-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
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
}
