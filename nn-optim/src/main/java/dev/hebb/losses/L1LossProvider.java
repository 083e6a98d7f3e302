package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code l1}: Mean absolute error, as torch.nn.L1Loss.
 *
 * <pre>
 * mean(|y − t|), gradient sign(y − t)/n (0 where y = t)
 * </pre>
 *
 * <p>{@code reduction}: {@code "mean"} (default) or {@code "sum"}.
 */
public final class L1LossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public L1LossProvider() {
        super("l1", "Mean absolute error, as torch.nn.L1Loss: mean(|y − t|), gradient sign(y − t)/n (0 where y = t)",
                Reduction.spec("mean"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new RegressionLoss("l1", h, Reduction.of("l1", h, "mean", false), RegressionLoss.Kind.ABSOLUTE, 1, 0);
    }
}
