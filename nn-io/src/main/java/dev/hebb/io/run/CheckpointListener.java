package dev.hebb.io.run;

import dev.hebb.io.checkpoint.Progress;
import dev.hebb.train.BatchMetrics;
import dev.hebb.train.EarlyStopping;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint of a {@link TrainingRun} after every completed epoch, counting optimizer steps
 * from the run's start. A failed save stops training with the I/O error rather than continuing without
 * the checkpoint the user asked for.
 *
 * <p>When the run's early stopping restores the best weights, the checkpoint of the epoch that ends training
 * (early stopping stopped it, or it was the last) is saved when training ends instead, after the best weights are
 * back, so the directory of a finished run holds them; a crash before that leaves the previous epoch's checkpoint,
 * from which the last epoch is trained again, bitwise.
 */
final class CheckpointListener implements TrainingListener {

    private final Path dir;
    private final TrainingRun run;
    private long steps;
    /** The progress of the epoch that ended training, saved once the best weights are back; or null. */
    private Progress atEnd;

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
        EarlyStopping stopping = run.earlyStopping();
        Progress progress = new Progress(metrics.epoch() + 1, steps, stopping == null ? null : stopping.state());
        if (stopping != null && stopping.restoresBest()
                && (stopping.stopRequested() || metrics.epoch() + 1 == run.config().training().epochs())) {
            atEnd = progress;
        } else {
            save(progress);
        }
    }

    @Override
    public void onTrainingEnd(boolean allEpochsTrained) {
        if (atEnd != null) {
            save(atEnd);
        }
    }

    private void save(Progress progress) {
        try {
            run.saveCheckpoint(dir, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint of epoch " + progress.epoch() + " to " + dir, e);
        }
    }
}
