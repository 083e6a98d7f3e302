package dev.hebb.example.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.gradcheck.GradientCheck;
import dev.hebb.gradcheck.PluginContract;
import dev.hebb.io.checkpoint.DataInfo;
import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin author tests of a layer with buffers: PyTorch's numbers, the gradient, that optimizers leave the
 * running statistics alone, and that they are saved and loaded with the weights.
 */
class BatchNormTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    /*
     * Reference values from PyTorch 1.13.0 (CPU, float32), computed by:
     *   bn = torch.nn.BatchNorm1d(3)                     # eps 1e-5, momentum 0.1
     *   bn.weight.data = torch.tensor([1.5, -0.5, 2.0]); bn.bias.data = torch.tensor([0.25, 0.0, -1.0])
     *   bn.train(); y1 = bn(X1)   -> TRAIN_1, RUNNING_MEAN_1, RUNNING_VAR_1
     *               y2 = bn(X2)   -> TRAIN_2, RUNNING_MEAN_2, RUNNING_VAR_2
     *   bn.eval();  bn(X1)        -> EVAL
     * printed with "%.9g" (9 significant digits round-trip a float32).
     */
    private static final float[] X1 = {0.5f, -1f, 2f, 1f, 1f, -3f, 0f, 0.25f, 4f, -2f, 1f, 1f};
    private static final float[] X2 = {3f, 0.5f, -1f, -1f, 2f, 0f, 0.5f, -0.5f, 2.5f, 1.5f, 1f, -2f};
    private static final float[] WEIGHT = {1.5f, -0.5f, 2f};
    private static final float[] BIAS = {0.25f, 0f, -1f};
    private static final float[] TRAIN_1 = {1.07322884f, 0.802949011f, -0.215535998f, 1.73181188f, -0.420592368f,
        -4.13785553f, 0.414645761f, 0.0382356644f, 1.35339189f, -2.21968651f, -0.420592368f, -0.99999994f};
    private static final float[] RUNNING_MEAN_1 = {-0.0125000002f, 0.03125f, 0.100000001f};
    private static final float[] RUNNING_VAR_1 = {1.07291663f, 0.989062488f, 1.76666665f};
    private static final float[] TRAIN_2 = {2.30797815f, 0.1386742f, -2.04640722f, -1.80797815f, -0.693370998f,
        -0.85051322f, -0.264494538f, 0.693370998f, 2.13922167f, 0.764494538f, -0.1386742f, -3.24230123f};
    private static final float[] RUNNING_MEAN_2 = {0.0887500048f, 0.103125006f, 0.0774999931f};
    private static final float[] RUNNING_VAR_2 = {1.24895823f, 0.998489559f, 1.96291661f};
    private static final float[] EVAL = {0.801977634f, 0.55197674f, 1.74438047f, 1.47307515f, -0.448774278f,
        -5.39314985f, 0.130880192f, -0.0734926462f, 4.59939289f, -2.55350971f, -0.448774278f, 0.316874385f};
    /**
     * Outputs reach 5.4, where a float32 ulp is 4.8e-7; PyTorch sums in float32 in its kernel's order, this layer in
     * double: a few ulps apart at most.
     */
    private static final float TOLERANCE = 2e-6f;

    private static Layer batchNorm(Hyperparameters hyperparameters) {
        return new BatchNorm().create(hyperparameters, new LayerContext(new int[] {3}, new SplittableRandom(1), REGISTRY));
    }

    /** A batch norm over 3 features with PyTorch's reference weight and bias. */
    private static Layer referenceLayer() {
        Layer layer = batchNorm(Hyperparameters.empty());
        layer.parameters().get(0).value().copyFrom(Tensor.of(WEIGHT.clone(), 3));
        layer.parameters().get(1).value().copyFrom(Tensor.of(BIAS.clone(), 3));
        return layer;
    }

    private static Tensor batch(float[] values) {
        return Tensor.of(values.clone(), 4, 3);
    }

    @Test
    void startsAsPyTorchWithWeightOneBiasZeroAndRunningStatisticsZeroAndOne() {
        Layer layer = batchNorm(Hyperparameters.empty());

        assertEquals(List.of("weight", "bias"), layer.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new float[] {1, 1, 1}, layer.parameters().get(0).value().data(), 0f);
        assertArrayEquals(new float[] {0, 0, 0}, layer.parameters().get(1).value().data(), 0f);
        assertEquals(List.of("running_mean", "running_var"), List.copyOf(layer.buffers().keySet()));
        assertArrayEquals(new float[] {0, 0, 0}, layer.buffers().get("running_mean").data(), 0f);
        assertArrayEquals(new float[] {1, 1, 1}, layer.buffers().get("running_var").data(), 0f);
        assertEquals(Hyperparameters.of("eps", 1e-5, "momentum", 0.1), layer.hyperparameters());
    }

    @Test
    void twoTrainingPassesAndAnInferencePassGivePyTorchsOutputsAndRunningStatistics() {
        Layer layer = referenceLayer();

        assertArrayEquals(TRAIN_1, layer.forward(batch(X1), true).data(), TOLERANCE, "training output, batch 1");
        assertArrayEquals(RUNNING_MEAN_1, layer.buffers().get("running_mean").data(), TOLERANCE, "running_mean, step 1");
        assertArrayEquals(RUNNING_VAR_1, layer.buffers().get("running_var").data(), TOLERANCE,
                "running_var, step 1: momentum 0.1 of the unbiased variance");
        assertArrayEquals(TRAIN_2, layer.forward(batch(X2), true).data(), TOLERANCE, "training output, batch 2");
        assertArrayEquals(RUNNING_MEAN_2, layer.buffers().get("running_mean").data(), TOLERANCE, "running_mean, step 2");
        assertArrayEquals(RUNNING_VAR_2, layer.buffers().get("running_var").data(), TOLERANCE, "running_var, step 2");
        assertArrayEquals(EVAL, layer.forward(batch(X1), false).data(), TOLERANCE, "inference uses the running statistics");
    }

    @Test
    void anInferencePassLeavesTheRunningStatisticsUnchanged() {
        Layer layer = referenceLayer();
        layer.forward(batch(X1), true);
        float[] mean = layer.buffers().get("running_mean").data().clone();
        float[] var = layer.buffers().get("running_var").data().clone();

        layer.forward(batch(X2), false);

        assertArrayEquals(mean, layer.buffers().get("running_mean").data(), 0f);
        assertArrayEquals(var, layer.buffers().get("running_var").data(), 0f);
    }

    @Test
    void gradientInTrainingModeMatchesFiniteDifferences() {
        // Weights off 1 and biases off 0, where a backward pass that left γ out would still agree.
        GradientCheck.Result r = GradientCheck.layer(referenceLayer(), batch(X2));   // GradientCheck runs training passes
        assertTrue(r.passes(PluginContract.GRADIENT_TOLERANCE), r.toString());   // 1e-2: float32 forward passes
    }

    @Test
    void passesThePluginContract() {
        PluginContract.Report report = PluginContract.layer(new BatchNorm(), Hyperparameters.empty(), REGISTRY);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void anOptimizerWithWeightDecayNeverTouchesTheRunningStatistics() {
        Sequential model = Sequential.builder(REGISTRY, new SplittableRandom(3), 3).dense(3)
                .layer("batch_norm", Hyperparameters.empty()).dense(1).build();
        Optimizer adamw = REGISTRY.optimizer("adamw", model.parameters(), Hyperparameters.of("lr", 0.1, "weightDecay", 0.5));
        model.forward(batch(X1), true);
        float[] mean = model.buffers().get("1.running_mean").data().clone();
        float[] var = model.buffers().get("1.running_var").data().clone();
        float[] weight = model.namedParameters().get("1.weight").value().data().clone();

        for (int step = 0; step < 3; step++) {
            adamw.zeroGrad();
            adamw.step();   // zero gradients: only the decay moves what the optimizer holds
        }

        assertNotEquals(weight[0], model.namedParameters().get("1.weight").value().data()[0], "the decay moved γ");
        assertArrayEquals(mean, model.buffers().get("1.running_mean").data(), 0f);
        assertArrayEquals(var, model.buffers().get("1.running_var").data(), 0f);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"),
                List.copyOf(model.namedParameters().keySet()), "the running statistics are no parameters");
    }

    @Test
    void aTrainedModelSavedAndLoadedKeepsItsRunningStatisticsBitwiseAndPredictsTheSame(@TempDir Path dir)
            throws IOException {
        RunConfig config = ConfigReader.parse("""
                {"model": {"inputs": 3, "layers": [{"type": "dense", "units": 4}, {"type": "batch_norm", "momentum": 0.2},
                                                  {"type": "dense", "units": 1}]},
                 "loss": "mse", "optimizer": {"name": "adamw", "lr": 0.01, "weightDecay": 0.1},
                 "training": {"epochs": 3, "batchSize": 4, "seed": 5}}
                """, dir, "run.json");
        Sequential model = config.buildModel(REGISTRY);
        Dataset data = new Dataset(Tensor.of(concat(X1, X2), 8, 3), Tensor.of(new float[] {1, 0, -1, 2, 0.5f, 1, -2, 0}, 8, 1));
        new Trainer(model, config.buildLoss(REGISTRY), config.buildOptimizer(REGISTRY, model.parameters()),
                TrainingConfig.builder().epochs(3).batchSize(4).seed(5).build()).fit(data);
        ModelDirectory.save(dir.resolve("model"), config, model, DataInfo.NONE, REGISTRY);

        SavedModel loaded = ModelDirectory.load(dir.resolve("model"), REGISTRY);

        assertNotEquals(0f, model.buffers().get("1.running_mean").data()[0], "training moved the running mean");
        for (String name : List.of("1.running_mean", "1.running_var")) {
            assertArrayEquals(model.buffers().get(name).data(), loaded.model().buffers().get(name).data(), 0f, name);
        }
        assertArrayEquals(model.predict(batch(X2)).data(), loaded.model().predict(batch(X2)).data(), 0f);
    }

    @Test
    void rejectsBadHyperparametersAndATrainingBatchOfOne() {
        assertEquals("batch_norm: momentum must be between 0 and 1, got 1.5", assertThrows(IllegalArgumentException.class,
                () -> batchNorm(Hyperparameters.of("momentum", 1.5))).getMessage());
        assertEquals("batch_norm: eps must be a positive number, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> batchNorm(Hyperparameters.of("eps", 0.0))).getMessage());
        assertEquals("batch_norm needs more than 1 sample per feature in a training batch, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> batchNorm(Hyperparameters.empty()).forward(Tensor.of(new float[] {1, 2, 3}, 1, 3), true))
                        .getMessage());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
