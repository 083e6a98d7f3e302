package dev.hebb.train;

/**
 * Stops training when the monitored loss has not improved for {@code patience} epochs, as Keras'
 * {@code EarlyStopping}. It monitors the validation loss when there is one, else the training loss; an
 * epoch improves when its loss is below the best so far by more than {@code minDelta}.
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
