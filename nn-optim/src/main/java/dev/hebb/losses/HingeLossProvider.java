package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code hinge}: multi-class margin loss, as {@code torch.nn.MultiMarginLoss}. The prediction is
 * {@code [batch, classes]} scores, the target {@code [batch]} class labels.
 *
 * <pre>
 * ℓ = Σ_{c ≠ y} max(0, margin − x[y] + x[c])^p / C      per row (C classes)
 * </pre>
 *
 * <p>{@code p} is 1 (default) or 2, {@code margin} defaults to 1. {@code reduction} "mean" (default)
 * divides by the batch size, "sum" does not.
 */
public final class HingeLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public HingeLossProvider() {
        super("hinge", "Multi-class margin loss: Σ_{c≠y} max(0, margin − x[y] + x[c])^p / classes (PyTorch MultiMarginLoss)",
                Reduction.spec(), HyperparameterSpec.integer("p", 1, "exponent of the hinge, 1 or 2"),
                HyperparameterSpec.number("margin", 1, "the score margin the true class must win by"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        int p = h.getInt("p", 1);
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("hinge: p must be 1 or 2, got " + p);
        }
        double margin = h.getDouble("margin", 1);
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("hinge: margin must be a finite number, got " + margin);
        }
        return new MultiMarginLoss(h, Reduction.of("hinge", h, "mean", false), p, margin);
    }
}
