package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.io.InvalidFileException;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.io.safetensors.SafetensorsContent;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose layer keeps a buffer (the test plugin {@code test_centering}'s {@code running_mean}) saves it in
 * {@code weights.safetensors} with its parameters, and loads it back bitwise.
 */
class BufferSaveLoadTest {

    static final PluginRegistry REGISTRY = Plugins.registry();

    static final String CONFIG = """
            {"model": {"inputs": 3, "layers": [{"type": "dense", "units": 2}, {"type": "test_centering"},
                                              {"type": "dense", "units": 2}]},
             "loss": "mse", "optimizer": {"name": "adam", "lr": 0.01},
             "training": {"epochs": 1, "batchSize": 4, "seed": 11}}
            """;

    /** ModelDirectoryTest's batch, which fits the model's 3 inputs and 2 outputs. */
    private static final Tensor X = ModelDirectoryTest.X;

    @TempDir
    Path dir;

    private final RunConfig config = ConfigReader.parse(CONFIG, Path.of("."), "run.json");

    /** A model after two training steps, whose running mean is no longer its initial zeros. */
    private Sequential trained() {
        Sequential model = config.buildModel(REGISTRY);
        Loss loss = config.buildLoss(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        ModelDirectoryTest.step(model, loss, adam);
        ModelDirectoryTest.step(model, loss, adam);
        assertNotEquals(0f, model.buffers().get("1.running_mean").data()[0], "the training passes moved the buffer");
        return model;
    }

    private void save(Sequential model) throws IOException {
        ModelDirectory.save(dir, config, model, new DataInfo(List.of("a", "b", "c"), List.of("y1", "y2"), List.of(), null), REGISTRY);
    }

    @Test
    void weightsFileHoldsTheStateDictInPyTorchsOrder() throws IOException {
        save(trained());

        SafetensorsContent content = Safetensors.read(dir.resolve(ModelDirectory.WEIGHTS));

        assertEquals(List.of("0.weight", "0.bias", "1.bias", "1.running_mean", "2.weight", "2.bias"),
                List.copyOf(content.tensors().keySet()));
    }

    @Test
    void buffersLoadBitwiseAndTheLoadedModelPredictsTheSame() throws IOException {
        Sequential model = trained();
        save(model);

        SavedModel loaded = ModelDirectory.load(dir, REGISTRY);

        assertArrayEquals(model.buffers().get("1.running_mean").data(),
                loaded.model().buffers().get("1.running_mean").data(), 0f, "bitwise");
        assertArrayEquals(model.predict(X).data(), loaded.model().predict(X).data(), 0f,
                "inference uses the running mean, so it predicts the same only with the buffer loaded");
    }

    @Test
    void aWeightsFileWithoutABufferTheModelHasIsRefusedNamingFileAndTensor() throws IOException {
        save(trained());
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        SafetensorsContent content = Safetensors.read(weights);
        Map<String, Tensor> withoutBuffer = new LinkedHashMap<>(content.tensors());
        withoutBuffer.remove("1.running_mean");
        Safetensors.write(weights, withoutBuffer, content.metadata());   // as a file saved before buffers existed

        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));

        assertEquals(weights + ": does not match the model: missing tensor '1.running_mean' (the model has '0.weight',"
                + " '0.bias', '1.bias', '1.running_mean', '2.weight', '2.bias')", e.getMessage());
    }

    @Test
    void aNonFiniteBufferIsRefusedBeforeSavingAsAParameterIs() {
        Sequential model = trained();
        model.buffers().get("1.running_mean").data()[1] = Float.NaN;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> save(model));

        assertEquals("cannot save to " + dir + ": buffer '1.running_mean' holds NaN at element 1 (counting from 0); the"
                + " weights of a model directory must be finite numbers", e.getMessage());
    }

    @Test
    void aNonFiniteBufferInTheWeightsFileIsRefusedOnLoading() throws IOException {
        save(trained());
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        SafetensorsContent content = Safetensors.read(weights);
        content.tensors().get("1.running_mean").data()[0] = Float.POSITIVE_INFINITY;
        Safetensors.write(weights, content.tensors(), content.metadata());

        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));

        assertEquals(weights + ": tensor '1.running_mean' holds Infinity at element 0 (counting from 0); every value must"
                + " be a finite number", e.getMessage());
    }
}
