package dev.hebb.optim;

import dev.hebb.layer.Parameter;
import java.util.List;

/**
 * Updates a fixed list of parameters from their gradients, with PyTorch's update rules.
 *
 * <p>Its state (moments, momentum buffers, step counts) can be exported and restored so that training
 * resumed from a checkpoint continues bitwise as if it had never stopped.
 */
public interface Optimizer {

    /** The registered name, e.g. {@code adam}. */
    String name();

    /** The parameters this optimizer updates, in the order it was created with. */
    List<Parameter> parameters();

    /** Applies one update to every parameter from its current gradient. */
    void step();

    /** Sets every parameter's gradient to zero. */
    default void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGradient();
        }
    }

    /** The learning rate the next {@link #step()} uses. */
    double learningRate();

    /** Sets the learning rate (schedules call this once per epoch). */
    void setLearningRate(double learningRate);

    /** A snapshot of the state, independent of later steps. */
    OptimizerState state();

    /**
     * Restores a state taken from an optimizer of the same kind over parameters of the same shapes.
     *
     * @throws IllegalArgumentException naming the entry that is missing or has the wrong shape
     */
    void loadState(OptimizerState state);
}
