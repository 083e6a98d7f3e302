package dev.hebb.train;

/**
 * Stops training when the monitored loss has not improved for {@code patience} epochs, as Keras'
 * {@code EarlyStopping}. It monitors the validation loss when there is one, else the training loss; an
 * epoch improves when its loss is below the best so far by more than {@code minDelta}.
 *
 * <p>It only stops training: the model keeps the weights of the last epoch trained, not those of
 * {@link #bestEpoch()} (as Keras' default, {@code restore_best_weights=False}). With patience {@code p}, the
 * weights when it stops are {@code p} epochs past the best ones; to keep the best, save a model at each epoch
 * that improves ({@link #bestEpoch()} equal to the epoch just ended).
 *
 * <p>Its {@link #state()} belongs in a checkpoint: a run resumed with {@link #restore(State)} stops at the
 * same epoch as one that never stopped.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;

    /**
     * Stops after {@code patience} epochs (at least 1) without an improvement larger than
     * {@code minDelta} (at least 0).
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping minDelta must be a finite number >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /**
     * What early stopping remembers between epochs.
     *
     * @param bestLoss                  the best monitored loss so far (+∞ before the first epoch)
     * @param bestEpoch                 its epoch, or −1 before the first epoch
     * @param epochsWithoutImprovement  epochs since then
     */
    public record State(double bestLoss, int bestEpoch, int epochsWithoutImprovement) {

        /** Validates the counters. */
        public State {
            if (bestEpoch < -1 || epochsWithoutImprovement < 0 || Double.isNaN(bestLoss)) {
                throw new IllegalArgumentException("early stopping state needs bestEpoch >= -1, epochsWithoutImprovement"
                        + " >= 0 and a bestLoss that is a number, got " + bestLoss + ", " + bestEpoch + ", "
                        + epochsWithoutImprovement);
            }
        }
    }

    /** The patience, in epochs. */
    public int patience() {
        return patience;
    }

    /** The smallest decrease that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** What this listener remembers now, to save with a checkpoint. */
    public State state() {
        return new State(best, bestEpoch, epochsWithoutImprovement);
    }

    /** Continues from a saved {@link #state()}. */
    public void restore(State state) {
        best = state.bestLoss();
        bestEpoch = state.bestEpoch();
        epochsWithoutImprovement = state.epochsWithoutImprovement();
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        double monitored = metrics.validationLoss().orElse(metrics.trainLoss());
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = metrics.epoch();
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
    }

    @Override
    public boolean stopRequested() {
        return epochsWithoutImprovement >= patience;
    }

    /** The best monitored loss seen, or +∞ before the first epoch. */
    public double bestLoss() {
        return best;
    }

    /** The epoch of the best monitored loss, or −1 before the first epoch. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
