package dev.hebb.io.config;

/**
 * The {@code training.earlyStopping} part of a run config: stop when the monitored loss (the validation
 * loss, else the training loss) has not improved by more than {@code minDelta} for {@code patience}
 * epochs, as {@link dev.hebb.train.EarlyStopping} does. Without {@code restoreBest} the run ends with the
 * weights of its last epoch, which is what the saved model holds, not those of the best epoch (Keras' default
 * too); with it, the run ends, stopped early or after every epoch, with the weights of the best epoch
 * ({@link dev.hebb.train.EarlyStopping#restoringBest}).
 *
 * @param patience    epochs without improvement before stopping, at least 1
 * @param minDelta    the smallest decrease that counts as an improvement, a finite number {@code >= 0}
 * @param restoreBest whether the run ends with the best epoch's weights rather than the last epoch's; off by default
 */
public record EarlyStoppingSpec(int patience, double minDelta, boolean restoreBest) {

    /** Early stopping that keeps the last epoch's weights (no {@code restoreBest}). */
    public EarlyStoppingSpec(int patience, double minDelta) {
        this(patience, minDelta, false);
    }

    /** Validates the ranges. */
    public EarlyStoppingSpec {
        if (patience < 1) {
            throw new IllegalArgumentException("earlyStopping.patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("earlyStopping.minDelta must be a finite number >= 0, got " + minDelta);
        }
    }
}
