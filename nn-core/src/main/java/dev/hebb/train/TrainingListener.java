package dev.hebb.train;

/**
 * Hears what a {@link Trainer} does, for progress bars, metric logs, checkpoints and early stopping.
 * Every method has an empty default. A listener that wants training to end returns {@code true} from
 * {@link #stopRequested()}, which the trainer asks after every batch and every epoch.
 */
public interface TrainingListener {

    /**
     * An epoch begins.
     *
     * @param epoch        the 0-based epoch index
     * @param batches      the number of batches it will run
     * @param learningRate the learning rate it uses
     */
    default void onEpochStart(int epoch, int batches, double learningRate) {
    }

    /** A batch was trained (after the optimizer step). */
    default void onBatchEnd(BatchMetrics batch) {
    }

    /** An epoch ended, validation included. */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /**
     * {@link Trainer#fit} is returning normally (after an exception it is not called), e.g. for
     * {@link EarlyStopping} to restore the best weights.
     *
     * @param allEpochsTrained whether every configured epoch has run (also when {@code fit} resumed after the last
     *                         one and had none left, or a stop was asked at the end of the last one); false when a
     *                         listener's {@link #stopRequested()} ended training before that
     */
    default void onTrainingEnd(boolean allEpochsTrained) {
    }

    /**
     * Whether training should stop now. Asked after each batch and each epoch; a stop after a batch
     * abandons the rest of that epoch (no {@code onEpochEnd}, no metrics for it).
     */
    default boolean stopRequested() {
        return false;
    }
}
