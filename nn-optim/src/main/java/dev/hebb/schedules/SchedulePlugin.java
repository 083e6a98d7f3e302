package dev.hebb.schedules;

import dev.hebb.plugin.DescribedProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.ScheduleProvider;

/** A built-in schedule provider (name, description and hyperparameter specs declared once) and its checks. */
abstract class SchedulePlugin extends DescribedProvider implements ScheduleProvider {

    SchedulePlugin(String name, String description, HyperparameterSpec... specs) {
        super(name, description, specs);
    }

    /** The positive whole number at {@code key} (a required hyperparameter), failing naming the schedule and key. */
    static int positiveInt(String schedule, String key, Hyperparameters h) {
        int value = h.getInt(key, 0);
        if (value <= 0) {
            throw new IllegalArgumentException(schedule + ": " + key + " must be a positive whole number, got "
                    + h.asMap().get(key));
        }
        return value;
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
