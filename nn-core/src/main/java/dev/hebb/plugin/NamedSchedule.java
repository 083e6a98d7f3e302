package dev.hebb.plugin;

import dev.hebb.optim.LearningRateSchedule;
import java.util.Objects;

/**
 * A learning-rate schedule as {@link PluginRegistry#schedule} creates it: the plugin's schedule together with
 * the name and hyperparameters it was created from. A schedule is a function, which cannot say what it is;
 * this is what lets a run's config, built from a {@code TrainingConfig} in Java, record the schedule (as JSON
 * configs do under {@code scheduler}) so that a checkpoint resumes with it.
 *
 * @param name            the schedule plugin's registered name, e.g. {@code step}
 * @param hyperparameters the hyperparameters it was created with
 * @param schedule        the schedule the plugin created, which this one follows
 */
public record NamedSchedule(String name, Hyperparameters hyperparameters, LearningRateSchedule schedule)
        implements LearningRateSchedule {

    /** Checks for nulls. */
    public NamedSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** The wrapped schedule's rate. */
    @Override
    public double learningRate(int epoch, double baseLearningRate) {
        return schedule.learningRate(epoch, baseLearningRate);
    }

    /** The name and hyperparameters, e.g. {@code step{stepSize=2, gamma=0.5}}. */
    @Override
    public String toString() {
        return name + hyperparameters;
    }
}
