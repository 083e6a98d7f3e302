package dev.hebb.optim;

import dev.hebb.layer.Parameter;
import java.util.List;
import java.util.OptionalDouble;

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

    /**
     * The learning rate a schedule scales, PyTorch's param-group {@code initial_lr}: recorded by the first
     * trainer with a schedule (from the learning rate at that moment) and kept in {@link #state()} as the
     * scalar {@code initial_lr}, so that an optimizer restored from a checkpoint, or handed to a second
     * trainer, goes on scheduling from the rate the run started with, not from a rate the schedule already
     * reduced. Empty until recorded.
     *
     * <p>The default keeps nothing and returns empty; a trainer then schedules from the learning rate at its
     * own creation, so with such an optimizer create the trainer before restoring a state. The built-in
     * optimizers keep it.
     */
    default OptionalDouble initialLearningRate() {
        return OptionalDouble.empty();
    }

    /**
     * Records {@link #initialLearningRate()}. The default ignores it, for optimizers that do not keep it.
     *
     * @throws IllegalArgumentException when {@code learningRate} is not a finite number {@code >= 0}
     */
    default void setInitialLearningRate(double learningRate) {
    }

    /** A snapshot of the state, independent of later steps. */
    OptimizerState state();

    /**
     * Restores a state taken from an optimizer of the same kind over parameters of the same shapes.
     *
     * @throws IllegalArgumentException naming the entry that is missing or has the wrong shape
     */
    void loadState(OptimizerState state);
}
