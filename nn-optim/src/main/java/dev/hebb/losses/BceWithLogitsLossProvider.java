package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code bce_with_logits}: binary cross-entropy of logits, as {@code torch.nn.BCEWithLogitsLoss}, in the
 * stable form that never exponentiates a positive number.
 *
 * <pre>
 * ℓ = max(x, 0) − x·t + log(1 + e^(−|x|))      (= −(t·log σ(x) + (1 − t)·log(1 − σ(x))))
 * ∂ℓ/∂x = σ(x) − t
 * </pre>
 *
 * <p>{@code reduction} "mean" (default, over all elements) or "sum".
 */
public final class BceWithLogitsLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public BceWithLogitsLossProvider() {
        super("bce_with_logits", "Binary cross-entropy of logits, stable: max(x,0) − x·t + log(1 + e^−|x|), gradient σ(x) − t "
                + "(PyTorch BCEWithLogitsLoss)", Reduction.spec());
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new BinaryCrossEntropyLoss("bce_with_logits", h, Reduction.of("bce_with_logits", h, "mean", false), true);
    }
}
