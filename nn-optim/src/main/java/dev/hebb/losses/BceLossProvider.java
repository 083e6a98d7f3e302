package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code bce}: binary cross-entropy of probabilities, as {@code torch.nn.BCELoss}. Predictions must lie
 * in {@code [0, 1]}; targets have the prediction's shape.
 *
 * <pre>
 * ℓ = −(t·max(log p, −100) + (1 − t)·max(log(1 − p), −100))
 * ∂ℓ/∂p = (p − t) / max(p·(1 − p), 1e-12)
 * </pre>
 *
 * <p>{@code reduction} "mean" (default, over all elements) or "sum".
 */
public final class BceLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public BceLossProvider() {
        super("bce", "Binary cross-entropy of probabilities: −(t·log p + (1−t)·log(1−p)), logs clamped at −100 (PyTorch BCELoss)",
                Reduction.spec());
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new BinaryCrossEntropyLoss("bce", h, Reduction.of("bce", h, "mean", false), false);
    }
}
