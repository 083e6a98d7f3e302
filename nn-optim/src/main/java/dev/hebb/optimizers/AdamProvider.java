package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;

/**
 * {@code adam}: Adam with L2 weight decay and optional AMSGrad, as {@code torch.optim.Adam}.
 *
 * <pre>
 * t = t + 1;  d = g + weightDecay·θ
 * m = β₁·m + (1 − β₁)·d
 * v = β₂·v + (1 − β₂)·d²
 * v̂ = amsgrad ? (vmax = max(vmax, v)) : v
 * θ = θ − lr/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + eps)
 * </pre>
 *
 * <p>State: {@code <i>.step}, {@code <i>.exp_avg}, {@code <i>.exp_avg_sq}, and with amsgrad
 * {@code <i>.max_exp_avg_sq}.
 */
public final class AdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam: m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², θ −= lr/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + eps) (PyTorch Adam, L2 weight decay)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return specs(0);
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        return create("adam", parameters, h, 0, false);
    }

    static List<HyperparameterSpec> specs(double weightDecay) {
        return List.of(
                HyperparameterSpec.number("lr", 1e-3, "learning rate"),
                HyperparameterSpec.numbers("betas", new double[] {0.9, 0.999},
                        "decay rates of the first and second moment averages"),
                HyperparameterSpec.number("eps", 1e-8, "added to the denominator for numerical stability (positive)"),
                HyperparameterSpec.number("weightDecay", weightDecay, "weight decay factor"),
                HyperparameterSpec.bool("amsgrad", false, "use the maximum of past second moments (AMSGrad)"));
    }

    static Optimizer create(String name, List<Parameter> parameters, Hyperparameters h, double weightDecay,
                            boolean decoupled) {
        return new Adam(name, parameters, h.getDouble("lr", 1e-3), h.getDoubles("betas", 0.9, 0.999),
                h.getDouble("eps", 1e-8), h.getDouble("weightDecay", weightDecay), h.getBoolean("amsgrad", false),
                decoupled);
    }
}
