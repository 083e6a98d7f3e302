package dev.hebb.examples;

import dev.hebb.train.EpochMetrics;
import dev.hebb.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per epoch: loss, training accuracy, validation values when there are any, and time.
 * Every {@code every}-th epoch is printed, and always the last.
 */
public final class ProgressPrinter implements TrainingListener {

    private final PrintStream out;
    private final int epochs;
    private final int every;

    /**
     * A printer to {@code out} for a run of {@code epochs} epochs printing every {@code every}-th.
     *
     * @throws IllegalArgumentException when {@code every} is not positive
     */
    public ProgressPrinter(PrintStream out, int epochs, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("print interval must be at least 1 epoch, got " + every);
        }
        this.out = out;
        this.epochs = epochs;
        this.every = every;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        int epoch = m.epoch() + 1;
        if (epoch % every != 0 && epoch != epochs) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %3d/%d  loss %.4g", epoch, epochs, m.trainLoss()));
        m.trainAccuracy().ifPresent(a -> line.append(String.format(Locale.ROOT, "  accuracy %.4f", a)));
        m.validationLoss().ifPresent(l -> line.append(String.format(Locale.ROOT, "  validation loss %.4g", l)));
        m.validationAccuracy().ifPresent(a -> line.append(String.format(Locale.ROOT, "  validation accuracy %.4f", a)));
        line.append(String.format(Locale.ROOT, "  (%.2f s)", m.seconds()));
        out.println(line);
    }
}
