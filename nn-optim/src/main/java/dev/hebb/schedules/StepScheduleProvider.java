package dev.hebb.schedules;

import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;

/**
 * {@code step}: decays the rate by {@code gamma} every {@code stepSize} epochs, as
 * {@code torch.optim.lr_scheduler.StepLR}.
 *
 * <pre>
 * lr(e) = baseLr · gamma^⌊e / stepSize⌋
 * </pre>
 */
public final class StepScheduleProvider extends SchedulePlugin {

    /** The provider ServiceLoader instantiates. */
    public StepScheduleProvider() {
        super("step", "lr = baseLr·gamma^⌊epoch/stepSize⌋ (PyTorch StepLR)",
                HyperparameterSpec.required("stepSize", HyperparameterSpec.Type.INTEGER, "epochs between decays"),
                HyperparameterSpec.number("gamma", 0.1, "factor applied at every decay"));
    }

    @Override
    public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) {
        int stepSize = positiveInt("step", "stepSize", h);
        double gamma = atLeast("step", "gamma", h.getDouble("gamma", 0.1), 0);
        return (epoch, baseLr) -> {
            checkEpoch("step", epoch);
            return baseLr * Math.pow(gamma, epoch / stepSize);
        };
    }
}
