package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code half_sse}: Half the sum of squared errors (mse with reduction sum, times ½; the classic ½(t − y)² of textbooks).
 *
 * <pre>
 * ½·Σ(y − t)², gradient y − t
 * </pre>
 *
 * <p>{@code reduction}: {@code "sum"} (default) or {@code "mean"}.
 */
public final class HalfSseLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public HalfSseLossProvider() {
        super("half_sse", "Half the sum of squared errors (mse with reduction sum, times ½; the classic ½(t − y)² of textbooks): ½·Σ(y − t)², gradient y − t",
                Reduction.spec("sum"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new RegressionLoss("half_sse", h, Reduction.of("half_sse", h, "sum", false), RegressionLoss.Kind.SQUARED, 0.5, 0);
    }
}
