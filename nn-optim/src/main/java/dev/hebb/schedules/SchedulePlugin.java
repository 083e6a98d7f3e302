package dev.hebb.schedules;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.ScheduleProvider;
import java.util.List;

/** The name, description and hyperparameter specs every built-in schedule provider declares. */
abstract class SchedulePlugin implements ScheduleProvider {

    private final String name;
    private final String description;
    private final List<HyperparameterSpec> specs;

    SchedulePlugin(String name, String description, HyperparameterSpec... specs) {
        this.name = name;
        this.description = description;
        this.specs = List.of(specs);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<HyperparameterSpec> hyperparameterSpecs() {
        return specs;
    }

    /** Fails naming the schedule and key unless {@code value} is a finite number {@code >= low}. */
    static double atLeast(String schedule, String key, double value, double low) {
        if (!(value >= low) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(schedule + ": " + key + " must be a finite number >= " + low + ", got " + value);
        }
        return value;
    }

    /** Fails naming the schedule unless the epoch is non-negative. */
    static void checkEpoch(String schedule, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException(schedule + ": epoch must be >= 0, got " + epoch);
        }
    }
}
