package dev.hebb.testplugin;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.OptimizerProvider;
import java.util.List;
import java.util.Map;

/** Test-only plain SGD, θ ← θ − lr·g; registered in test resources. */
public final class TestSgdProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "test_sgd";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("lr", 0.1, "learning rate"));
    }

    @Override
    public Optimizer create(List<Parameter> parameters, Hyperparameters hyperparameters) {
        List<Parameter> params = List.copyOf(parameters);
        double[] lr = {hyperparameters.getDouble("lr", 0.1)};
        return new Optimizer() {
            @Override
            public String name() {
                return "test_sgd";
            }

            @Override
            public List<Parameter> parameters() {
                return params;
            }

            @Override
            public void step() {
                float rate = (float) lr[0];
                for (Parameter p : params) {
                    float[] v = p.value().data();
                    float[] g = p.gradient().data();
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= rate * g[i];
                    }
                }
            }

            @Override
            public double learningRate() {
                return lr[0];
            }

            @Override
            public void setLearningRate(double learningRate) {
                lr[0] = learningRate;
            }

            @Override
            public OptimizerState state() {
                return new OptimizerState(Map.of(), Map.of("lr", lr[0]));
            }

            @Override
            public void loadState(OptimizerState state) {
                lr[0] = state.scalar("lr");
            }
        };
    }
}
