package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code smooth_l1}: smooth L1 loss, as {@code torch.nn.SmoothL1Loss}; with {@code d = y − t}:
 *
 * <pre>
 * ℓ(d) = ½d²/beta       if |d| &lt; beta
 *        |d| − ½beta    otherwise
 * ℓ'(d) = d/beta inside, sign(d) outside
 * </pre>
 *
 * <p>{@code beta} (default 1) must be non-negative; 0 gives {@code l1}'s value (with PyTorch's
 * subgradient −1 at d = 0). {@code reduction}:
 * {@code "mean"} (default) or {@code "sum"}.
 */
public final class SmoothL1LossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public SmoothL1LossProvider() {
        super("smooth_l1", "Smooth L1 loss: ½d²/beta for |d| < beta, |d| − ½beta beyond (PyTorch SmoothL1Loss)",
                Reduction.spec(), HyperparameterSpec.number("beta", 1, "where the loss turns from quadratic to linear"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        double beta = h.getDouble("beta", 1);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("smooth_l1: beta must be a non-negative number, got " + beta);
        }
        return new RegressionLoss("smooth_l1", h, Reduction.of("smooth_l1", h, "mean", false),
                RegressionLoss.Kind.SMOOTH_L1, 1, beta);
    }
}
