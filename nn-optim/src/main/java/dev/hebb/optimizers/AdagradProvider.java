package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;

/**
 * {@code adagrad}: Adagrad, as {@code torch.optim.Adagrad}.
 *
 * <pre>
 * t = t + 1;  d = g + weightDecay·θ
 * s = s + d²                                   (s starts at initialAccumulatorValue)
 * θ = θ − lr/(1 + (t − 1)·lrDecay) · d/(√s + eps)
 * </pre>
 *
 * <p>State: {@code <i>.step}, {@code <i>.sum}.
 */
public final class AdagradProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "Adagrad: s += g², θ −= lr/(1 + (t−1)·lrDecay)·g/(√s + eps) (PyTorch Adagrad)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.number("lr", 0.01, "learning rate"),
                HyperparameterSpec.number("lrDecay", 0, "learning-rate decay per step"),
                HyperparameterSpec.number("weightDecay", 0, "L2 penalty added to the gradient"),
                HyperparameterSpec.number("initialAccumulatorValue", 0, "starting value of the squared-gradient sum"),
                HyperparameterSpec.number("eps", 1e-10, "added to the denominator for numerical stability (positive)"));
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        return new Adagrad(parameters, h.getDouble("lr", 0.01), h.getDouble("lrDecay", 0), h.getDouble("weightDecay", 0),
                h.getDouble("initialAccumulatorValue", 0), h.getDouble("eps", 1e-10));
    }
}
