package dev.hebb.plugin;

import dev.hebb.optim.LearningRateSchedule;

/**
 * Publishes a {@link LearningRateSchedule} under a name. List the implementing class in
 * {@code META-INF/services/dev.hebb.plugin.ScheduleProvider} and it is found by name.
 */
public interface ScheduleProvider extends PluginProvider {

    /**
     * A new schedule configured by {@code hyperparameters}. A schedule that wraps another (a warm-up)
     * finds it by name through {@code registry}.
     */
    LearningRateSchedule create(Hyperparameters hyperparameters, PluginRegistry registry);
}
