package dev.hebb.io.run;

import dev.hebb.io.checkpoint.Progress;
import dev.hebb.train.BatchMetrics;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint of a {@link TrainingRun} after every completed epoch, counting optimizer steps
 * from the run's start. A failed save stops training with the I/O error rather than continuing without
 * the checkpoint the user asked for.
 */
final class CheckpointListener implements TrainingListener {

    private final Path dir;
    private final TrainingRun run;
    private long steps;

    CheckpointListener(Path dir, TrainingRun run) {
        this.dir = dir;
        this.run = run;
        this.steps = run.start().step();
    }

    @Override
    public void onBatchEnd(BatchMetrics batch) {
        steps++;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        try {
            run.saveCheckpoint(dir, new Progress(metrics.epoch() + 1, steps,
                    run.earlyStopping() == null ? null : run.earlyStopping().state()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint of epoch " + (metrics.epoch() + 1) + " to " + dir, e);
        }
    }
}
