package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code huber}: Huber loss, as {@code torch.nn.HuberLoss}; with {@code d = y − t}:
 *
 * <pre>
 * ℓ(d) = ½d²                  if |d| &lt; delta
 *        delta·(|d| − ½delta)  otherwise
 * ℓ'(d) = clamp(d, −delta, delta)
 * </pre>
 *
 * <p>{@code delta} (default 1) must be positive. {@code reduction}: {@code "mean"} (default) or {@code "sum"}.
 */
public final class HuberLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public HuberLossProvider() {
        super("huber", "Huber loss: ½d² for |d| < delta, delta·(|d| − ½delta) beyond (PyTorch HuberLoss)",
                Reduction.spec(), HyperparameterSpec.number("delta", 1, "where the loss turns from quadratic to linear"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        double delta = h.getDouble("delta", 1);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive number, got " + delta);
        }
        return new RegressionLoss("huber", h, Reduction.of("huber", h, "mean", false), RegressionLoss.Kind.HUBER, 1, delta);
    }
}
