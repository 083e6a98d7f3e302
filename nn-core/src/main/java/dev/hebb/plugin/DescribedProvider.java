package dev.hebb.plugin;

import java.util.List;
import java.util.Objects;

/**
 * A provider whose name, description and hyperparameter specs are fixed values given once to the
 * constructor, so that a plugin declares them in one statement instead of three overriding methods:
 *
 * <pre>{@code
 * public final class StepScheduleProvider extends DescribedProvider implements ScheduleProvider {
 *     public StepScheduleProvider() {
 *         super("step", "lr = baseLr·gamma^⌊epoch/stepSize⌋",
 *                 HyperparameterSpec.required("stepSize", HyperparameterSpec.Type.INTEGER, "epochs between decays"),
 *                 HyperparameterSpec.number("gamma", 0.1, "factor applied at every decay"));
 *     }
 *
 *     public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) { ... }
 * }
 * }</pre>
 */
public abstract class DescribedProvider implements PluginProvider {

    private final String name;
    private final String description;
    private final List<HyperparameterSpec> specs;

    /** A provider named {@code name} (snake_case), described by one sentence, accepting {@code specs}. */
    protected DescribedProvider(String name, String description, HyperparameterSpec... specs) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
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
}
