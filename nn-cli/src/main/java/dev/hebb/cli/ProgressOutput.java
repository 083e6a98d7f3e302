package dev.hebb.cli;

import dev.hebb.train.BatchMetrics;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What training shows: on a terminal a progress bar per epoch (batches, running loss, samples per
 * second, ETA) followed by the epoch's summary line; elsewhere (CI logs, pipes) only the summary line,
 * one per epoch; with {@code --quiet} nothing.
 */
final class ProgressOutput implements TrainingListener {

    private final PrintWriter out;
    private final boolean terminal;
    private final boolean quiet;
    private final int epochs;
    private ProgressBar bar;
    private long start;
    private long samples;
    private double lossSum;

    ProgressOutput(PrintWriter out, boolean terminal, boolean quiet, int epochs) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
        this.epochs = epochs;
    }

    @Override
    public void onEpochStart(int epoch, int batches, double learningRate) {
        start = System.nanoTime();
        samples = 0;
        lossSum = 0;
        if (terminal && !quiet) {
            // stdout, not stderr: the ./nn launcher filters stderr line by line, which would hold back a bar.
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
        }
    }

    @Override
    public void onBatchEnd(BatchMetrics b) {
        samples += b.samples();
        lossSum += b.loss() * b.samples();
        if (bar != null) {
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %,.0f samples/s", lossSum / samples, samples / seconds));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        abandon();
        if (!quiet) {
            out.println(line(m, epochs));
            out.flush();
        }
    }

    /** Closes the bar of an epoch that will not finish (NaN loss, Ctrl-C). */
    void abandon() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** {@code epoch 3/10: loss 0.2345, accuracy 91.2%, val loss 0.2500, val accuracy 90.1%, lr 0.01, 1.2 s}. */
    static String line(EpochMetrics m, int epochs) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %s", m.epoch() + 1, epochs,
                number(m.trainLoss())));
        m.trainAccuracy().ifPresent(a -> s.append(", accuracy ").append(percent(a)));
        m.validationLoss().ifPresent(v -> s.append(", val loss ").append(number(v)));
        m.validationAccuracy().ifPresent(a -> s.append(", val accuracy ").append(percent(a)));
        s.append(", lr ").append(String.format(Locale.ROOT, "%.4g", m.learningRate()));
        s.append(String.format(Locale.ROOT, ", %.1f s", m.seconds()));
        return s.toString();
    }

    /**
     * A loss or metric with four decimals, or in scientific notation when it is too small for them to show it
     * (a regression loss of 3.2e-05 must not read as 0.0000).
     */
    static String number(double v) {
        return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 1e-3 ? "%.3e" : "%.4f", v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
