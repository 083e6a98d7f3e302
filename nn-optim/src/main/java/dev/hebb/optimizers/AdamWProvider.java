package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;

/**
 * {@code adamw}: Adam with decoupled weight decay, as {@code torch.optim.AdamW} ({@code weightDecay}
 * defaults to 0.01).
 *
 * <pre>
 * t = t + 1;  θ = θ·(1 − lr·weightDecay)
 * m = β₁·m + (1 − β₁)·g
 * v = β₂·v + (1 − β₂)·g²
 * v̂ = amsgrad ? (vmax = max(vmax, v)) : v
 * θ = θ − lr/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + eps)
 * </pre>
 *
 * <p>State as {@link AdamProvider adam}.
 */
public final class AdamWProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String description() {
        return "AdamW: θ ·= (1 − lr·weightDecay), then the Adam step without L2 term (PyTorch AdamW)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return AdamProvider.specs(0.01);
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        return AdamProvider.create("adamw", parameters, h, 0.01, true);
    }
}
