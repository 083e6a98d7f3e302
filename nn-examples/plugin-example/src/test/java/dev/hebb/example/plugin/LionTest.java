package dev.hebb.example.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LionTest {

    @Test
    void twoStepsFollowTheUpdateRuleByHand() {
        Parameter p = new Parameter("weight", Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        Optimizer lion = new Lion().create(List.of(p),
                Hyperparameters.of("lr", 0.1, "betas", List.of(0.9, 0.99), "weightDecay", 0.5));
        // step 1: m = 0, g = (0.3, -0.2, 0): c = 0.1·g -> sign (1, -1, 0)
        //   θ = θ - 0.1·(sign + 0.5·θ) = (1 - 0.1·1.5, -2 - 0.1·(-1 - 1), 0.5 - 0.1·0.25) = (0.85, -1.8, 0.475)
        //   m = 0.01·g = (0.003, -0.002, 0)
        p.gradient().copyFrom(Tensor.of(new float[] {0.3f, -0.2f, 0f}, 3));
        lion.step();
        assertArrayEquals(new float[] {0.85f, -1.8f, 0.475f}, p.value().data(), 1e-6f);
        // step 2: g = (-0.01, -0.5, 1): c = 0.9·m + 0.1·g = (0.0017, -0.0518, 0.1) -> sign (1, -1, 1)
        //   θ = (0.85 - 0.1·(1 + 0.425), -1.8 - 0.1·(-1 - 0.9), 0.475 - 0.1·(1 + 0.2375))
        p.gradient().copyFrom(Tensor.of(new float[] {-0.01f, -0.5f, 1f}, 3));
        lion.step();
        assertArrayEquals(new float[] {0.7075f, -1.61f, 0.35125f}, p.value().data(), 1e-6f);
    }

    @Test
    void restoredStateContinuesBitwiseIdentically() {
        Parameter a = new Parameter("weight", Tensor.of(new float[] {1f, 2f}, 2));
        Parameter b = new Parameter("weight", Tensor.of(new float[] {1f, 2f}, 2));
        Optimizer first = new Lion().create(List.of(a), Hyperparameters.of("lr", 0.01));
        a.gradient().copyFrom(Tensor.of(new float[] {0.5f, -0.25f}, 2));
        first.step();
        b.value().copyFrom(a.value());
        OptimizerState saved = first.state();
        Optimizer second = new Lion().create(List.of(b), Hyperparameters.of("lr", 0.01));
        second.loadState(saved);
        a.gradient().copyFrom(Tensor.of(new float[] {-0.125f, -1f}, 2));
        b.gradient().copyFrom(a.gradient());
        first.step();
        second.step();
        assertArrayEquals(a.value().data(), b.value().data(), 0f);
    }
}
