package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.InvalidFileException;
import dev.hebb.io.config.ConfigException;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.ConfigWriter;
import dev.hebb.io.config.LayerSpec;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.layer.Dropout;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code dropout} layer in a JSON model: its {@code p} survives the config's round trip, a model rebuilt from the
 * config gets the same mask seed, and its mask seed and pass counter (the buffers {@code seed} and {@code counter}) are
 * saved and loaded bitwise.
 */
class DropoutSaveLoadTest {

    static final PluginRegistry REGISTRY = Plugins.registry();

    static final String CONFIG = """
            {"model": {"inputs": 3, "layers": [{"type": "dense", "units": 4}, {"type": "dropout", "p": 0.2},
                                              {"type": "dense", "units": 2}]},
             "loss": "mse", "optimizer": {"name": "adam", "lr": 0.01},
             "training": {"epochs": 1, "batchSize": 4, "seed": 11}}
            """;

    @TempDir
    Path dir;

    private final RunConfig config = ConfigReader.parse(CONFIG, Path.of("."), "run.json");

    private static Dropout dropout(Sequential model) {
        return assertInstanceOf(Dropout.class, model.layers().get(1));
    }

    @Test
    void aDropoutLayerInAJsonModelKeepsItsPThroughTheWrittenConfig() {
        RunConfig again = ConfigReader.parse(ConfigWriter.toJson(config), Path.of("."), "model.json");
        LayerSpec layer = again.model().layers().get(1);
        assertEquals("dropout", layer.type());
        assertEquals(Hyperparameters.of("p", 0.2), layer.hyperparameters());
        assertEquals(0.2, dropout(again.buildModel(REGISTRY)).p());
    }

    @Test
    void aModelRebuiltFromItsConfigDrawsTheSameMaskSeed() {
        assertEquals(dropout(config.buildModel(REGISTRY)).seed(), dropout(config.buildModel(REGISTRY)).seed());
        RunConfig otherSeed = ConfigReader.parse(CONFIG.replace("\"seed\": 11", "\"seed\": 12"), Path.of("."),
                "run.json");
        assertNotEquals(dropout(config.buildModel(REGISTRY)).seed(), dropout(otherSeed.buildModel(REGISTRY)).seed());
    }

    @Test
    void pOfOneIsRefusedAtItsKey() {
        RunConfig bad = ConfigReader.parse(CONFIG.replace("\"p\": 0.2", "\"p\": 1"), Path.of("."), "run.json");
        assertEquals("run.json: model.layers[1].p: dropout: p must be a probability in [0, 1), got 1.0",
                assertThrows(ConfigException.class, () -> bad.buildModel(REGISTRY)).getMessage());
    }

    @Test
    void theSavedModelRestoresThePassCounterAndSoTheNextMask() throws IOException {
        Sequential model = config.buildModel(REGISTRY);
        Loss loss = config.buildLoss(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        for (int i = 0; i < 3; i++) {
            ModelDirectoryTest.step(model, loss, adam);
        }
        assertEquals(3, dropout(model).passCounter());
        ModelDirectory.save(dir, config, model, DataInfo.NONE, REGISTRY);

        assertEquals(List.of("0.weight", "0.bias", "1.seed", "1.counter", "2.weight", "2.bias"),
                List.copyOf(Safetensors.read(dir.resolve(ModelDirectory.WEIGHTS)).tensors().keySet()));
        Sequential loaded = ModelDirectory.load(dir, REGISTRY).model();
        assertEquals(3, dropout(loaded).passCounter());
        assertArrayEquals(model.forward(ModelDirectoryTest.X, true).data(),
                loaded.forward(ModelDirectoryTest.X, true).data(), 0f, "the fourth pass's mask, and the weights, bitwise");
    }

    /**
     * PyTorch's nn.Dropout keeps no state, so weights it writes have neither seed nor counter: they load, and the model
     * keeps its own seed and starts at pass 0.
     */
    @Test
    void weightsWithoutTheCounterAsPyTorchWritesThemLoadAndStartAtPassZero() throws IOException {
        Sequential trained = trained(1);
        Map<String, Tensor> pytorch = new LinkedHashMap<>(trained.stateDict());
        pytorch.remove("1.seed");
        pytorch.remove("1.counter");
        Path file = dir.resolve("from-pytorch.safetensors");
        Safetensors.write(file, pytorch, Map.of("format", "pt"));

        Sequential model = config.buildModel(REGISTRY);
        assertEquals(Set.of("1.seed", "1.counter"), model.buffersThatMayBeMissing());
        long ownSeed = dropout(model).seed();
        Safetensors.loadModel(file, model);
        assertEquals(0, dropout(model).passCounter());
        assertEquals(ownSeed, dropout(model).seed());
        assertArrayEquals(trained.parameters().get(0).value().data(), model.parameters().get(0).value().data(), 0f);

        // The strict loader, for a map of tensors that says nothing about which may be missing, still refuses it.
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Safetensors.loadState(file, config.buildModel(REGISTRY).stateDict()));
        assertTrue(e.getMessage().contains("missing tensors '1.seed', '1.counter'"), e.getMessage());
    }

    /** A file that holds the counter loads it: the exemption is for its absence only. */
    @Test
    void loadModelStillLoadsTheCounterWhenTheFileHasIt() throws IOException {
        Sequential trained = trained(2);
        Path file = dir.resolve("hebb.safetensors");
        Safetensors.write(file, trained.stateDict(), Map.of("format", "pt"));
        Sequential model = config.buildModel(REGISTRY);
        Safetensors.loadModel(file, model);
        assertEquals(2, dropout(model).passCounter());
    }

    /** The mask seed is loaded from the file: a model built from another generator masks as the saved one did. */
    @Test
    void theSeedComesFromTheFileNotFromTheGeneratorTheModelWasBuiltWith() throws IOException {
        Sequential trained = trained(2);
        Path file = dir.resolve("seeded.safetensors");
        Safetensors.write(file, trained.stateDict(), Map.of("format", "pt"));
        Sequential unlike = Sequential.builder(REGISTRY, new java.util.SplittableRandom(99), 3).dense(4)
                .layer("dropout", Hyperparameters.of("p", 0.2)).dense(2).build();
        assertNotEquals(dropout(trained).seed(), dropout(unlike).seed());
        Safetensors.loadModel(file, unlike);
        assertEquals(dropout(trained).seed(), dropout(unlike).seed());
        assertArrayEquals(trained.forward(ModelDirectoryTest.X, true).data(),
                unlike.forward(ModelDirectoryTest.X, true).data(), 0f, "the third pass's mask, and the weights, bitwise");
    }

    /** The config's model after {@code steps} training steps (so its dropout counter is {@code steps}). */
    private Sequential trained(int steps) {
        Sequential model = config.buildModel(REGISTRY);
        Loss loss = config.buildLoss(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        for (int i = 0; i < steps; i++) {
            ModelDirectoryTest.step(model, loss, adam);
        }
        return model;
    }
}
