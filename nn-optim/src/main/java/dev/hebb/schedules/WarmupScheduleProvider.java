package dev.hebb.schedules;

import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;

/**
 * {@code warmup}: a linear warm-up over {@code epochs} epochs, then the schedule in {@code after}
 * restarted at its epoch 0; PyTorch's {@code SequentialLR([LinearLR(startFactor, 1.0, epochs), after],
 * milestones=[epochs])}.
 *
 * <pre>
 * lr(e) = baseLr · (startFactor + (1 − startFactor)·e/epochs)     for e &lt; epochs
 * lr(e) = after(e − epochs, baseLr)                               for e ≥ epochs
 * </pre>
 *
 * <p>{@code after} is an object naming the wrapped schedule by its {@code "name"} key, the rest being that
 * schedule's hyperparameters, e.g.
 * {@code {"name": "warmup", "epochs": 5, "after": {"name": "cosine", "tMax": 50}}}. Without
 * {@code after} the rate stays at the base rate once warmed up. {@code startFactor} defaults to
 * PyTorch's {@code LinearLR} default, 1/3.
 */
public final class WarmupScheduleProvider extends SchedulePlugin {

    /** The key of the wrapped schedule's name inside {@code after}. */
    public static final String NAME_KEY = "name";

    /** The provider ServiceLoader instantiates. */
    public WarmupScheduleProvider() {
        super("warmup", "Linear warm-up from startFactor·baseLr to baseLr over epochs, then the schedule 'after' "
                        + "(PyTorch SequentialLR of LinearLR and another scheduler)",
                HyperparameterSpec.required("epochs", HyperparameterSpec.Type.INTEGER, "length of the warm-up in epochs"),
                HyperparameterSpec.number("startFactor", 1.0 / 3, "fraction of the base rate used in epoch 0"),
                new HyperparameterSpec("after", HyperparameterSpec.Type.OBJECT, Hyperparameters.empty(),
                        "the schedule that follows, as {\"name\": ..., its hyperparameters}; none keeps the base rate"));
    }

    @Override
    public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) {
        int epochs = h.getInt("epochs", 0);
        if (epochs <= 0) {
            throw new IllegalArgumentException("warmup: epochs must be a positive whole number, got " + h.asMap().get("epochs"));
        }
        double startFactor = h.getDouble("startFactor", 1.0 / 3);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("warmup: startFactor must be in (0, 1], got " + startFactor);
        }
        Hyperparameters afterConfig = h.getNested("after");
        LearningRateSchedule after = null;
        if (afterConfig != null && !afterConfig.isEmpty()) {
            if (!afterConfig.has(NAME_KEY)) {
                throw new IllegalArgumentException("warmup: 'after' must name its schedule with a \"name\" key, got " + afterConfig);
            }
            if (registry == null) {
                throw new IllegalArgumentException("warmup: a registry is needed to find the schedule '"
                        + afterConfig.getString(NAME_KEY, "") + "' in 'after'");
            }
            try {
                after = registry.schedule(afterConfig.getString(NAME_KEY, ""), afterConfig.without(NAME_KEY));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("warmup: in 'after': " + e.getMessage(), e);
            }
        }
        LearningRateSchedule next = after;
        return (epoch, baseLr) -> {
            checkEpoch("warmup", epoch);
            if (epoch < epochs) {
                return baseLr * (startFactor + (1 - startFactor) * epoch / epochs);
            }
            return next == null ? baseLr : next.learningRate(epoch - epochs, baseLr);
        };
    }
}
