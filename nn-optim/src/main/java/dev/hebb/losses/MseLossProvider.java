package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code mse}: Mean squared error, as torch.nn.MSELoss.
 *
 * <pre>
 * mean((y − t)²), gradient 2(y − t)/n
 * </pre>
 *
 * <p>{@code reduction}: {@code "mean"} (default) or {@code "sum"}.
 */
public final class MseLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public MseLossProvider() {
        super("mse", "Mean squared error, as torch.nn.MSELoss: mean((y − t)²), gradient 2(y − t)/n",
                Reduction.spec("mean"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new RegressionLoss("mse", h, Reduction.of("mse", h, "mean", false), RegressionLoss.Kind.SQUARED, 1, 0);
    }
}
