package dev.hebb.schedules;

import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;

/**
 * {@code cosine}: cosine annealing from the base rate to {@code etaMin} over {@code tMax} epochs, as
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR} (without restarts; past {@code tMax} the cosine
 * continues, as PyTorch's does).
 *
 * <pre>
 * lr(e) = etaMin + (baseLr − etaMin) · (1 + cos(π·e / tMax)) / 2
 * </pre>
 */
public final class CosineScheduleProvider extends SchedulePlugin {

    /** The provider ServiceLoader instantiates. */
    public CosineScheduleProvider() {
        super("cosine", "lr = etaMin + (baseLr − etaMin)·(1 + cos(π·epoch/tMax))/2 (PyTorch CosineAnnealingLR)",
                HyperparameterSpec.required("tMax", HyperparameterSpec.Type.INTEGER, "epochs of the half cosine period"),
                HyperparameterSpec.number("etaMin", 0, "the smallest learning rate"));
    }

    @Override
    public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) {
        int tMax = positiveInt("cosine", "tMax", h);
        double etaMin = atLeast("cosine", "etaMin", h.getDouble("etaMin", 0), 0);
        return (epoch, baseLr) -> {
            checkEpoch("cosine", epoch);
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
        };
    }
}
