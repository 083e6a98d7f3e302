package dev.hebb.optim;

/**
 * A learning rate as a function of the epoch, stepped once per epoch as PyTorch's schedulers are.
 */
public interface LearningRateSchedule {

    /**
     * The learning rate to use during {@code epoch} (0-based) when the optimizer was configured with
     * {@code baseLearningRate}.
     */
    double learningRate(int epoch, double baseLearningRate);
}
