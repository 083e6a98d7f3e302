package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/**
 * {@code kl_div}: Kullback–Leibler divergence, as {@code torch.nn.KLDivLoss}. The prediction {@code x}
 * holds log-probabilities; the target {@code t} probabilities (or log-probabilities with
 * {@code logTarget}), of the prediction's shape.
 *
 * <pre>
 * ℓ_i = t_i·(log t_i − x_i)      (0 where t_i = 0)
 * ∂ℓ_i/∂x_i = −t_i
 * </pre>
 *
 * <p>{@code reduction}: {@code "mean"} (default, PyTorch's: divides by the number of <em>elements</em>,
 * which is not the KL divergence), {@code "batchmean"} (divides by the batch size: the mean KL
 * divergence per sample, what PyTorch recommends), or {@code "sum"}.
 */
public final class KlDivLossProvider extends LossPlugin {

    /** The provider ServiceLoader instantiates. */
    public KlDivLossProvider() {
        super("kl_div", "Kullback–Leibler divergence of log-probabilities x from target t: Σ t·(log t − x) (PyTorch KLDivLoss)",
                HyperparameterSpec.string("reduction", "mean",
                        "\"mean\" (over all elements, as PyTorch), \"batchmean\" (per sample: the true KL) or \"sum\""),
                HyperparameterSpec.bool("logTarget", false, "whether the target holds log-probabilities"));
    }

    @Override
    public Loss create(Hyperparameters h) {
        return new KlDivLoss(h, Reduction.of("kl_div", h, "mean", true), h.getBoolean("logTarget", false));
    }
}
