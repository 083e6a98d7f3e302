package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code nll}: negative log-likelihood, as {@code torch.nn.NLLLoss}. The prediction is
 * {@code [batch, classes]} log-probabilities (e.g. a log-softmax output), the target {@code [batch]}
 * class labels.
 *
 * <pre>
 * ℓ = −x[y]  per row;   ∂ℓ/∂x[c] = −1 if c = y, else 0
 * </pre>
 *
 * <p>{@code reduction} "mean" (default) divides by the batch size, "sum" does not.
 */
public final class NllLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public NllLossProvider() {
        super("nll", "Negative log-likelihood of log-probabilities: −x[label] (PyTorch NLLLoss)", Reduction.spec());
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new NllLoss(h, Reduction.of("nll", h, "mean", false));
    }
}
