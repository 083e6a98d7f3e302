package dev.hebb.example.plugin;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import dev.hebb.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"): for each parameter θ with
 * gradient g and momentum m,
 * <pre>
 *   c = β₁·m + (1 − β₁)·g
 *   θ = θ − lr·(sign(c) + λ·θ)
 *   m = β₂·m + (1 − β₂)·g
 * </pre>
 * Defaults: {@code lr} = 1e-4, {@code betas} = [0.9, 0.99], {@code weightDecay} λ = 0.
 *
 * <p>One class is both the provider (found through {@code META-INF/services}) and the optimizer.
 */
public final class Lion implements OptimizerProvider, Optimizer {

    private final List<Parameter> parameters;
    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private final Tensor[] momentum;
    private double lr;

    /** The provider instance ServiceLoader creates. */
    public Lion() {
        this(List.of(), 1e-4, 0.9, 0.99, 0);
    }

    private Lion(List<Parameter> parameters, double lr, double beta1, double beta2, double weightDecay) {
        check(lr >= 0, "lr", lr);
        check(beta1 >= 0 && beta1 < 1, "betas[0]", beta1);
        check(beta2 >= 0 && beta2 < 1, "betas[1]", beta2);
        check(weightDecay >= 0, "weightDecay", weightDecay);
        this.parameters = List.copyOf(parameters);
        this.lr = lr;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.weightDecay = (float) weightDecay;
        this.momentum = new Tensor[this.parameters.size()];
        for (int i = 0; i < momentum.length; i++) {
            momentum[i] = Tensor.zeros(this.parameters.get(i).value().shape());
        }
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    public String description() {
        return "Lion: θ -= lr·(sign(β1·m + (1-β1)·g) + weightDecay·θ); m = β2·m + (1-β2)·g";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(
                HyperparameterSpec.number("lr", 1e-4, "learning rate"),
                HyperparameterSpec.numbers("betas", new double[] {0.9, 0.99}, "interpolation (β1) and momentum decay (β2)"),
                HyperparameterSpec.number("weightDecay", 0, "decoupled weight decay λ"));
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
        double[] betas = h.getDoubles("betas", 0.9, 0.99);
        if (betas.length != 2) {
            throw new IllegalArgumentException("lion: hyperparameter 'betas' needs 2 numbers, got " + betas.length);
        }
        return new Lion(parameters, h.getDouble("lr", 1e-4), betas[0], betas[1], h.getDouble("weightDecay", 0));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void step() {
        float rate = (float) lr;
        for (int p = 0; p < parameters.size(); p++) {
            float[] theta = parameters.get(p).value().data();
            float[] g = parameters.get(p).gradient().data();
            float[] m = momentum[p].data();
            for (int i = 0; i < theta.length; i++) {
                float c = beta1 * m[i] + (1 - beta1) * g[i];
                theta[i] -= rate * (Math.signum(c) + weightDecay * theta[i]);
                m[i] = beta2 * m[i] + (1 - beta2) * g[i];
            }
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        check(learningRate >= 0, "lr", learningRate);
        this.lr = learningRate;
    }

    @Override
    public OptimizerState state() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < momentum.length; i++) {
            tensors.put(i + ".exp_avg", momentum[i]);
        }
        return new OptimizerState(tensors, Map.of("lr", lr));
    }

    @Override
    public void loadState(OptimizerState state) {
        for (int i = 0; i < momentum.length; i++) {
            Tensor saved = state.tensor(i + ".exp_avg");
            if (!saved.sameShape(momentum[i])) {
                throw new IllegalArgumentException("lion: state tensor '" + i + ".exp_avg' has shape "
                        + java.util.Arrays.toString(saved.shape()) + " but parameter " + i + " has shape "
                        + java.util.Arrays.toString(momentum[i].shape()));
            }
        }
        for (int i = 0; i < momentum.length; i++) {
            momentum[i].copyFrom(state.tensor(i + ".exp_avg"));
        }
        setLearningRate(state.scalar("lr"));
    }

    private static void check(boolean ok, String key, double value) {
        if (!ok) {
            throw new IllegalArgumentException("lion: hyperparameter '" + key + "' is out of range: " + value);
        }
    }
}
