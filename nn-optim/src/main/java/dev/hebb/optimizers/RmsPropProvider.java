package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;

/**
 * {@code rmsprop}: RMSprop with optional momentum and centering, as {@code torch.optim.RMSprop}.
 *
 * <pre>
 * d = g + weightDecay·θ
 * s = α·s + (1 − α)·d²
 * centered:  a = α·a + (1 − α)·d;  r = √(s − a²) + eps      otherwise r = √s + eps
 * momentum > 0:  b = momentum·b + d/r;  θ = θ − lr·b          otherwise θ = θ − lr·d/r
 * </pre>
 *
 * <p>State: {@code <i>.step}, {@code <i>.square_avg}, with momentum {@code <i>.momentum_buffer},
 * when centered {@code <i>.grad_avg}.
 */
public final class RmsPropProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSprop: s = αs + (1−α)g², θ −= lr·g/(√s + eps), optionally centered and with momentum (PyTorch RMSprop)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.number("lr", 0.01, "learning rate"),
                HyperparameterSpec.number("alpha", 0.99, "smoothing constant of the squared-gradient average, in [0, 1]"),
                HyperparameterSpec.number("eps", 1e-8, "added to the denominator for numerical stability (positive)"),
                HyperparameterSpec.number("weightDecay", 0, "L2 penalty added to the gradient"),
                HyperparameterSpec.number("momentum", 0, "momentum factor"),
                HyperparameterSpec.bool("centered", false, "normalise by the estimated variance of the gradient"));
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        return new RmsProp(parameters, h.getDouble("lr", 0.01), h.getDouble("alpha", 0.99), h.getDouble("eps", 1e-8),
                h.getDouble("weightDecay", 0), h.getDouble("momentum", 0), h.getBoolean("centered", false));
    }
}
