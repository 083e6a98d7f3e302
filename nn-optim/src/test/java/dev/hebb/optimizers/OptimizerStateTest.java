package dev.hebb.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** State export uses PyTorch's names, is a snapshot, and a bad state is rejected whole with the entry named. */
class OptimizerStateTest {

    private static List<Parameter> parameters() {
        Parameter w = new Parameter("weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Parameter b = new Parameter("bias", Tensor.of(new float[] {0.5f, -0.5f}, 2));
        w.gradient().fill(0.25f);
        b.gradient().fill(-1f);
        return List.of(w, b);
    }

    private static Optimizer stepped(String name, Hyperparameters h, int steps) {
        Optimizer opt = Registry.get().optimizer(name, parameters(), h);
        for (int i = 0; i < steps; i++) {
            opt.step();
        }
        return opt;
    }

    @Test
    void stateNamesArePyTorchBufferNamesPerParameterIndex() {
        assertEquals(Set.of("0.momentum_buffer", "1.momentum_buffer"),
                stepped("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9), 1).state().tensors().keySet());
        assertEquals(Set.of("0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq"),
                stepped("adam", Hyperparameters.of("amsgrad", true), 1).state().tensors().keySet());
        assertEquals(Set.of("0.exp_avg", "0.exp_avg_sq", "1.exp_avg", "1.exp_avg_sq"),
                stepped("adamw", Hyperparameters.empty(), 1).state().tensors().keySet());
        assertEquals(Set.of("0.square_avg", "0.momentum_buffer", "0.grad_avg", "1.square_avg", "1.momentum_buffer", "1.grad_avg"),
                stepped("rmsprop", Hyperparameters.of("momentum", 0.9, "centered", true), 1).state().tensors().keySet());
        assertEquals(Set.of("0.sum", "1.sum"), stepped("adagrad", Hyperparameters.empty(), 1).state().tensors().keySet());
    }

    @Test
    void scalarsHoldTheLearningRateAndStepCounts() {
        OptimizerState s = stepped("adam", Hyperparameters.of("lr", 0.05), 3).state();
        assertEquals(Map.of("lr", 0.05, "0.step", 3.0, "1.step", 3.0), s.scalars());
        assertEquals(Map.of("lr", 0.1), stepped("sgd", Hyperparameters.of("lr", 0.1), 2).state().scalars());
    }

    @Test
    void stateBeforeTheFirstStepHoldsOnlyTheLearningRate() {
        OptimizerState s = stepped("adam", Hyperparameters.empty(), 0).state();
        assertEquals(Map.of(), s.tensors());
        assertEquals(Map.of("lr", 1e-3), s.scalars());
    }

    @Test
    void theScheduleBaseRateIsKeptInTheStateAsPyTorchsInitialLr() {
        Optimizer adam = stepped("adam", Hyperparameters.of("lr", 0.05), 1);
        adam.setInitialLearningRate(0.05);
        adam.setLearningRate(0.0125);
        assertEquals(Map.of("lr", 0.0125, "initial_lr", 0.05, "0.step", 1.0, "1.step", 1.0), adam.state().scalars());

        Optimizer restored = Registry.get().optimizer("adam", parameters(), Hyperparameters.of("lr", 0.05));
        restored.loadState(adam.state());
        assertEquals(0.05, restored.initialLearningRate().orElseThrow(), 0.0);
        assertEquals(0.0125, restored.learningRate(), 0.0);

        // A state that records none (never scheduled, or saved before it was kept) replaces a recorded one.
        restored.loadState(new OptimizerState(Map.of(), Map.of("lr", 0.0125)));
        assertEquals(java.util.OptionalDouble.empty(), restored.initialLearningRate());
    }

    @Test
    void anInvalidScheduleBaseRateIsRejectedNamingIt() {
        Optimizer sgd = Registry.get().optimizer("sgd", parameters(), Hyperparameters.of("lr", 0.1));
        assertEquals("sgd: initial_lr (the schedule's base learning rate) in the state must be a finite number >= 0,"
                + " got -1.0", failure(sgd, new OptimizerState(Map.of(), Map.of("lr", 0.1, "initial_lr", -1.0))));
        assertEquals(java.util.OptionalDouble.empty(), sgd.initialLearningRate(), "a rejected state changes nothing");
        assertEquals("sgd: initial_lr (the schedule's base learning rate) must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> sgd.setInitialLearningRate(Double.NaN)).getMessage());
    }

    @Test
    void sgdMomentumBufferStartsAsTheFirstGradient() {
        Optimizer opt = stepped("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9, "dampening", 0.5), 1);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f},
                opt.state().tensor("0.momentum_buffer").data(), 0f);
        assertArrayEquals(new int[] {2, 3}, opt.state().tensor("0.momentum_buffer").shape());
    }

    @Test
    void stateIsASnapshot() {
        Optimizer opt = stepped("adam", Hyperparameters.empty(), 1);
        OptimizerState s = opt.state();
        float before = s.tensor("0.exp_avg").data()[0];
        opt.step();
        assertEquals(before, s.tensor("0.exp_avg").data()[0], 0f);
        s.tensor("0.exp_avg").data()[0] = 99f; // OptimizerState hands out copies; the optimizer is unaffected
        assertEquals(2.0, opt.state().scalar("0.step"));
    }

    @Test
    void loadingRestoresTheLearningRateAndBuffers() {
        OptimizerState s = stepped("rmsprop", Hyperparameters.of("lr", 0.02, "momentum", 0.5), 2).state();
        Optimizer fresh = Registry.get().optimizer("rmsprop", parameters(), Hyperparameters.of("momentum", 0.5));
        fresh.loadState(s);
        assertEquals(0.02, fresh.learningRate());
        assertEquals(s.tensors().keySet(), fresh.state().tensors().keySet());
        assertArrayEquals(s.tensor("1.square_avg").data(), fresh.state().tensor("1.square_avg").data(), 0f);
        assertEquals(2.0, fresh.state().scalar("1.step"));
    }

    @Test
    void aStepCountOfZeroWithBuffersIsPyTorchsInitialAdagradState() {
        // torch.optim.Adagrad's state before any step: step 0 and sum = initial_accumulator_value.
        Optimizer opt = Registry.get().optimizer("adagrad", parameters(), Hyperparameters.of("lr", 0.5));
        opt.loadState(new OptimizerState(Map.of("0.sum", Tensor.full(4f, 2, 3), "1.sum", Tensor.full(4f, 2)),
                Map.of("0.step", 0.0, "1.step", 0.0)));
        opt.step();
        // s = 4 + 0.25² ; θ = 1 − 0.5·0.25/(√s + 1e-10), as PyTorch computes in float32
        float s = 4f + 0.25f * 0.25f;
        assertEquals(1f + -0.5f * 0.25f / ((float) Math.sqrt(s) + 1e-10f), opt.parameters().get(0).value().data()[0], 0f);
        assertEquals(1.0, opt.state().scalar("0.step"));
    }

    @Test
    void badStatesAreRejectedNamingTheEntryAndLeaveTheOptimizerUnchanged() {
        Optimizer adam = stepped("adam", Hyperparameters.empty(), 1);
        OptimizerState good = adam.state();
        OptimizerState sgdState = stepped("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9), 1).state();
        assertEquals("adam state has an unknown tensor '0.momentum_buffer'; expected '<parameter index>.exp_avg', "
                        + "'<parameter index>.exp_avg_sq', '<parameter index>.max_exp_avg_sq'",
                failure(adam, sgdState));
        assertEquals("adam state: '1.exp_avg' has shape [3] but parameter 1 has shape [2]",
                failure(adam, with(good, "1.exp_avg", Tensor.zeros(3))));
        assertEquals("adam state entry '2.exp_avg' does not name one of the 2 parameters (0 to 1)",
                failure(adam, with(good, "2.exp_avg", Tensor.zeros(2))));
        assertEquals("adam state has '0.step' = 1 but no tensor '0.exp_avg_sq'",
                failure(adam, without(good, "0.exp_avg_sq")));
        assertEquals("adam state: '0.step' must be a non-negative whole number, got 1.5",
                failure(adam, new OptimizerState(good.tensors(), Map.of("0.step", 1.5, "1.step", 1.0))));
        assertEquals("adam state: '1.exp_avg_sq' holds -1.0 at element 1, but it accumulates squares, which are never"
                + " negative", failure(adam, with(good, "1.exp_avg_sq", Tensor.of(new float[] {0f, -1f}, 2))));
        Optimizer rmsprop = stepped("rmsprop", Hyperparameters.empty(), 1);
        assertEquals("rmsprop state: '0.square_avg' holds -0.5 at element 0, but it accumulates squares, which are never"
                + " negative", failure(rmsprop, with(rmsprop.state(), "0.square_avg", Tensor.full(-0.5f, 2, 3))));
        assertEquals("sgd state has an unknown scalar '0.step'; expected 'lr' and 'initial_lr'",
                failure(Registry.get().optimizer("sgd", parameters(), Hyperparameters.of("lr", 0.1)), good));
        assertEquals(good.scalars(), adam.state().scalars());
        assertArrayEquals(good.tensor("0.exp_avg").data(), adam.state().tensor("0.exp_avg").data(), 0f);
    }

    @Test
    void invalidHyperparametersAreRejectedNamingOptimizerAndKey() {
        assertEquals("sgd: nesterov needs a positive momentum and zero dampening, got momentum 0.0 and dampening 0.0",
                invalid("sgd", Hyperparameters.of("lr", 0.1, "nesterov", true)));
        assertEquals("sgd needs hyperparameter 'lr' (learning rate)", invalid("sgd", Hyperparameters.empty()));
        assertEquals("adam: betas[1] must be in [0.0, 1.0), got 1.0",
                invalid("adam", Hyperparameters.of("betas", new double[] {0.9, 1.0})));
        assertEquals("adamw: betas must be two numbers [beta1, beta2], got [0.9]", invalid("adamw", Hyperparameters.of("betas", new double[] {0.9})));
        assertEquals("rmsprop: lr (the learning rate) must be a finite number >= 0, got -0.1",
                invalid("rmsprop", Hyperparameters.of("lr", -0.1)));
        // Above 1, PyTorch's own check passes but the first step makes every parameter NaN.
        assertEquals("rmsprop: alpha must be in [0, 1] (above 1 the average of squared gradients turns negative and"
                + " the parameters NaN), got 1.01", invalid("rmsprop", Hyperparameters.of("alpha", 1.01)));
        Registry.get().optimizer("rmsprop", parameters(), Hyperparameters.of("alpha", 1.0)); // 1 keeps s = 0: allowed
        assertEquals("adagrad: eps must be a positive number (with 0, an element whose gradient is 0 would become"
                + " 0/0 = NaN), got -1.0E-10", invalid("adagrad", Hyperparameters.of("eps", -1e-10)));
        for (String name : new String[] {"adam", "adamw", "rmsprop", "adagrad"}) {
            assertEquals(name + ": eps must be a positive number (with 0, an element whose gradient is 0 would become"
                    + " 0/0 = NaN), got 0.0", invalid(name, Hyperparameters.of("eps", 0.0)));
        }
        Optimizer opt = Registry.get().optimizer("adam", parameters(), Hyperparameters.empty());
        assertEquals("adam: lr (the learning rate) must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.NaN)).getMessage());
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(1e-3, Registry.get().optimizer("adamw", parameters(), Hyperparameters.empty()).learningRate());
        assertEquals(0.01, Registry.get().optimizer("rmsprop", parameters(), Hyperparameters.empty()).learningRate());
        assertEquals(0.01, Registry.get().optimizer("adagrad", parameters(), Hyperparameters.empty()).learningRate());
        assertEquals(0.01, Registry.get().optimizerProvider("adamw").hyperparameterSpecs().stream()
                .filter(s -> s.name().equals("weightDecay")).findFirst().orElseThrow().defaultValue());
        assertEquals(0.0, Registry.get().optimizerProvider("adam").hyperparameterSpecs().stream()
                .filter(s -> s.name().equals("weightDecay")).findFirst().orElseThrow().defaultValue());
    }

    private static String failure(Optimizer opt, OptimizerState state) {
        return assertThrows(IllegalArgumentException.class, () -> opt.loadState(state)).getMessage();
    }

    private static String invalid(String name, Hyperparameters h) {
        return assertThrows(IllegalArgumentException.class,
                () -> Registry.get().optimizer(name, parameters(), h)).getMessage();
    }

    private static OptimizerState with(OptimizerState s, String key, Tensor t) {
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(s.tensors());
        tensors.put(key, t);
        return new OptimizerState(tensors, s.scalars());
    }

    private static OptimizerState without(OptimizerState s, String key) {
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(s.tensors());
        tensors.remove(key);
        return new OptimizerState(tensors, s.scalars());
    }
}
