package dev.hebb.train;

/**
 * Thrown by the {@link Trainer} when a batch's loss is NaN or infinite. It is thrown before that batch's
 * backward pass and optimizer step, so the parameters are those after the previous batch, and a
 * checkpoint saved at the last epoch end is still good. When an earlier step already made some parameter
 * values non-finite, the message says how many (see {@link #nonFiniteParameters()}).
 */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;
    private final long nonFiniteParameters;

    /**
     * An exception for the batch {@code batch} of epoch {@code epoch} (both 0-based) whose loss is {@code loss},
     * the parameters all finite.
     */
    public NonFiniteLossException(int epoch, int batch, double loss) {
        this(epoch, batch, loss, 0);
    }

    /**
     * The same when {@code nonFiniteParameters} parameter values are already NaN or infinite: the loss is then
     * their consequence, and the message says so instead of offering the parameters as good.
     */
    public NonFiniteLossException(int epoch, int batch, double loss, long nonFiniteParameters) {
        super("training loss is " + loss + " at epoch " + epoch + ", batch " + batch + " (0-based); stopped before"
                + " the optimizer step" + (nonFiniteParameters == 0
                        ? ", so the parameters are those after the previous batch (try a smaller learning rate or"
                                + " gradient clipping)"
                        : ", but " + nonFiniteParameters + " parameter values are already NaN or infinite, from an"
                                + " earlier step or from the start (check the initial weights and the optimizer's"
                                + " hyperparameters, try a smaller learning rate or gradient clipping)"));
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.nonFiniteParameters = nonFiniteParameters;
    }

    /** How many parameter values were NaN or infinite when training stopped (0 when the loss alone was). */
    public long nonFiniteParameters() {
        return nonFiniteParameters;
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
