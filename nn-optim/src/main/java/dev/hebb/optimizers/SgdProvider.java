package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;

/**
 * {@code sgd}: stochastic gradient descent with optional momentum, as {@code torch.optim.SGD}.
 *
 * <pre>
 * d = g + weightDecay·θ
 * b = d                                   on the first step (momentum ≠ 0)
 * b = momentum·b + (1 − dampening)·d      afterwards
 * d = nesterov ? d + momentum·b : b       (momentum ≠ 0)
 * θ = θ − lr·d
 * </pre>
 *
 * <p>{@code lr} is required, as in PyTorch. State: {@code <i>.momentum_buffer} once momentum is used.
 */
public final class SgdProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent: b = momentum·b + (1 − dampening)·(g + weightDecay·θ), θ −= lr·b (PyTorch SGD)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.required("lr", HyperparameterSpec.Type.NUMBER, "learning rate"),
                HyperparameterSpec.number("momentum", 0, "momentum factor"),
                HyperparameterSpec.number("dampening", 0, "dampening of the gradient added to the momentum buffer"),
                HyperparameterSpec.bool("nesterov", false, "Nesterov momentum (needs momentum > 0 and dampening 0)"),
                HyperparameterSpec.number("weightDecay", 0, "L2 penalty added to the gradient"));
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        if (!h.has("lr")) {
            throw new IllegalArgumentException("sgd needs hyperparameter 'lr' (learning rate)");
        }
        return new Sgd(parameters, h.getDouble("lr", 0), h.getDouble("momentum", 0), h.getDouble("dampening", 0),
                h.getBoolean("nesterov", false), h.getDouble("weightDecay", 0));
    }
}
