package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code cross_entropy}: cross-entropy of logits, as {@code torch.nn.CrossEntropyLoss}. The prediction
 * is {@code [batch, classes]} logits; the target is either {@code [batch]} class labels (whole numbers
 * in {@code [0, classes)}) or {@code [batch, classes]} class probabilities.
 *
 * <pre>
 * log p = x − logΣexp(x)                      (stable: the row maximum is subtracted first)
 * t'    = (1 − ε)·t + ε/C                     (t one-hot for labels, ε = labelSmoothing)
 * ℓ     = −Σ_c t'_c·log p_c                   per row
 * ∂ℓ/∂x = softmax(x)·Σt' − t'                 (= softmax(x) − t' when targets sum to one)
 * </pre>
 *
 * <p>{@code reduction} "mean" (default) divides by the batch size, "sum" does not.
 */
public final class CrossEntropyLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public CrossEntropyLossProvider() {
        super("cross_entropy", "Cross-entropy of logits against class labels or probabilities: −Σ t·log softmax(x), "
                        + "gradient softmax(x) − t (PyTorch CrossEntropyLoss)",
                Reduction.spec(), HyperparameterSpec.number("labelSmoothing", 0,
                        "mixes the target with the uniform distribution: (1 − ε)·t + ε/classes"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        double smoothing = h.getDouble("labelSmoothing", 0);
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("cross_entropy: labelSmoothing must be in [0, 1], got " + smoothing);
        }
        return new CrossEntropyLoss(h, Reduction.of("cross_entropy", h, "mean", false), smoothing);
    }
}
