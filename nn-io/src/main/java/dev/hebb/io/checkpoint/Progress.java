package dev.hebb.io.checkpoint;

import dev.hebb.train.EarlyStopping;

/**
 * How far training got, to resume from: the number of completed epochs (the next epoch's 0-based index)
 * and of optimizer steps taken. Shuffling is a pure function of the seed and the epoch, so these two
 * counters and the optimizer state are all the random state a resumed run needs; early stopping's counters
 * are the only other state that decides what a resumed run does (with {@code restoreBest}, with the best
 * epoch's weights, which are too large for model.json and are kept beside it, in
 * {@link ModelDirectory#BEST_WEIGHTS}).
 *
 * @param epoch         completed epochs, {@code >= 0}
 * @param step          optimizer steps taken, {@code >= 0}
 * @param earlyStopping the early-stopping state after those epochs, or {@code null} when the run has none
 * @param data          a fingerprint of the training and validation data the run trains on, so that resuming
 *                      on changed data is refused; {@code null} when not recorded (older checkpoints)
 */
public record Progress(int epoch, long step, EarlyStopping.State earlyStopping, String data) {

    /** Progress of a run without early stopping. */
    public Progress(int epoch, long step) {
        this(epoch, step, null, null);
    }

    /** Progress without a data fingerprint. */
    public Progress(int epoch, long step, EarlyStopping.State earlyStopping) {
        this(epoch, step, earlyStopping, null);
    }

    /** The same counters, recorded as made on the data with fingerprint {@code data}. */
    public Progress withData(String data) {
        return new Progress(epoch, step, earlyStopping, data);
    }

    /** Validates the counters. */
    public Progress {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("progress counters must be >= 0, got epoch " + epoch + " and step " + step);
        }
    }
}
