package dev.hebb.train;

/**
 * Thrown by the {@link Trainer} when a batch's loss is NaN or infinite. It is thrown before that batch's
 * backward pass and optimizer step, so the parameters are those after the previous batch, and a
 * checkpoint saved at the last epoch end is still good.
 */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;

    /**
     * An exception for the batch {@code batch} of epoch {@code epoch} (both 0-based) whose loss is {@code loss}.
     */
    public NonFiniteLossException(int epoch, int batch, double loss) {
        super("training loss is " + loss + " at epoch " + epoch + ", batch " + batch + " (0-based); stopped before"
                + " the optimizer step, so the parameters are those after the previous batch"
                + " (try a smaller learning rate or gradient clipping)");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /** The 0-based epoch in which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The 0-based batch index within that epoch. */
    public int batch() {
        return batch;
    }

    /** The offending loss value (NaN or ±infinity). */
    public double loss() {
        return loss;
    }
}
