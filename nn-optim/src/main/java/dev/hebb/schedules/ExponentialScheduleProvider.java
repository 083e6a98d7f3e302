package dev.hebb.schedules;

import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;

/**
 * {@code exponential}: decays the rate by {@code gamma} every epoch, as
 * {@code torch.optim.lr_scheduler.ExponentialLR}.
 *
 * <pre>
 * lr(e) = baseLr · gamma^e
 * </pre>
 */
public final class ExponentialScheduleProvider extends SchedulePlugin {

    /** The provider ServiceLoader instantiates. */
    public ExponentialScheduleProvider() {
        super("exponential", "lr = baseLr·gamma^epoch (PyTorch ExponentialLR)",
                HyperparameterSpec.required("gamma", HyperparameterSpec.Type.NUMBER, "factor applied every epoch"));
    }

    @Override
    public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) {
        if (!h.has("gamma")) {
            throw new IllegalArgumentException("exponential needs hyperparameter 'gamma' (factor applied every epoch)");
        }
        double gamma = atLeast("exponential", "gamma", h.getDouble("gamma", 0), 0);
        return (epoch, baseLr) -> {
            checkEpoch("exponential", epoch);
            return baseLr * Math.pow(gamma, epoch);
        };
    }
}
