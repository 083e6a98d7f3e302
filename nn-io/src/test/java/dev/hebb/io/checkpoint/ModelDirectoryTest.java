package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.io.InvalidFileException;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.ConfigWriter;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.data.Normalization;
import dev.hebb.io.internal.AtomicFileSet;
import dev.hebb.io.internal.Crashes;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    static final PluginRegistry REGISTRY = Plugins.registry();

    static final String CONFIG = """
            {"model": {"inputs": 3, "layers": [{"type": "dense", "units": 5}, {"type": "dense", "units": 2}]},
             "loss": "mse", "optimizer": {"name": "adam", "lr": 0.01},
             "training": {"epochs": 4, "batchSize": 2, "seed": 11}}
            """;

    @TempDir
    Path dir;

    static final Tensor X = Tensor.of(new float[] {0.5f, -1f, 2f, 1f, 1f, -3f, 0f, 0.25f, 4f, -2f, 1f, 1f}, 4, 3);
    static final Tensor Y = Tensor.of(new float[] {1f, 0f, 0f, 1f, 0.5f, 0.5f, -1f, 2f}, 4, 2);

    private static RunConfig config() {
        return ConfigReader.parse(CONFIG, Path.of("."), "run.json");
    }

    /** One full-batch training step, by the contracts alone. */
    static void step(Sequential model, Loss loss, Optimizer optimizer) {
        optimizer.zeroGrad();
        Tensor out = model.forward(X, true);
        Tensor grad = Tensor.zeros(out.shape());
        loss.valueAndGradient(out, Y, grad);
        model.backward(grad);
        optimizer.step();
    }

    @Test
    void savedModelLoadsWithIdenticalPredictionsAndItsDataDescription() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        step(model, config.buildLoss(REGISTRY), adam);
        Normalization norm = Normalization.fit("standard", X);
        DataInfo data = new DataInfo(List.of("a", "b", "c"), List.of("y1", "y2"), List.of(), norm);
        ModelDirectory.save(dir, config, model, data, REGISTRY);

        SavedModel loaded = ModelDirectory.load(dir, REGISTRY);
        Tensor normalized = X.copy();
        norm.apply(normalized);
        assertArrayEquals(model.predict(normalized).copy().data(), loaded.predict(X).data(), 0f, "bitwise identical");
        assertEquals(data, loaded.data());
        assertNull(loaded.progress());
        assertEquals(ConfigWriter.toJson(config), ConfigWriter.toJson(loaded.config()), "the config as run");
        assertTrue(Files.notExists(dir.resolve(ModelDirectory.OPTIMIZER)), "a final model has no optimizer state");
    }

    @Test
    void aModelBuiltInJavaIsSavedAsAModelDirectoryThroughRunConfigOf() throws IOException {
        Sequential model = Sequential.builder(REGISTRY, new java.util.SplittableRandom(5), 3)
                .dense(5, "tanh").dense(4).activation("leaky_relu", dev.hebb.plugin.Hyperparameters.of("negativeSlope", 0.2))
                .dense(2).build();
        Loss loss = REGISTRY.loss("mse", dev.hebb.plugin.Hyperparameters.empty());
        dev.hebb.plugin.Hyperparameters adamSettings = dev.hebb.plugin.Hyperparameters.of("lr", 0.05);
        Optimizer adam = REGISTRY.optimizer("adam", model.parameters(), adamSettings);
        step(model, loss, adam);
        RunConfig config = RunConfig.of(model, loss, "adam", adamSettings,
                dev.hebb.train.TrainingConfig.builder().epochs(3).batchSize(2).seed(5).build());

        ModelDirectory.save(dir, config, model, DataInfo.NONE, REGISTRY);
        SavedModel loaded = ModelDirectory.load(dir, REGISTRY);

        assertArrayEquals(model.predict(X).data(), loaded.predict(X).data(), 0f, "bitwise the trained model");
        assertEquals(List.of("dense", "activation", "dense", "activation", "dense"),
                loaded.config().model().layers().stream().map(l -> l.type()).toList());
        assertEquals(0.2, loaded.config().model().layers().get(3).hyperparameters().getDouble("negativeSlope", 0));
        assertEquals("adam", loaded.config().optimizer().name());
        assertEquals(0.05, loaded.config().optimizer().hyperparameters().getDouble("lr", 0));
        assertEquals(3, loaded.config().training().epochs());
    }

    @Test
    void aLoadedModelPredictsCorrectlyFromSeveralThreadsAtOnce() throws Exception {
        // The layers reuse their buffers; without SavedModel.predict taking turns, threads read each other's
        // outputs (seen: tens of wrong results per thousand calls on 2 threads).
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        SavedModel loaded = ModelDirectory.load(dir, REGISTRY);
        Tensor[] inputs = new Tensor[8];
        float[][] expected = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Tensor.full(i - 3.5f, 16, 3);
            expected[i] = loaded.predict(inputs[i]).data();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int count = 0;
                    for (int call = 0; call < 2000; call++) {
                        int i = (call + offset) % inputs.length;
                        if (!java.util.Arrays.equals(expected[i], loaded.predict(inputs[i]).data())) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            for (java.util.concurrent.Future<Integer> w : wrong) {
                assertEquals(0, w.get(), "wrong predictions on one thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void provenanceRecordsVersionSeedDateAndPlugins() throws IOException {
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        Provenance p = ModelDirectory.load(dir, REGISTRY).provenance();
        assertEquals(ModelDirectory.hebbVersion(), p.hebbVersion());
        assertTrue(p.hebbVersion().matches("\\d+\\.\\d+\\.\\d+.*"), "filtered from the POM: " + p.hebbVersion());
        assertEquals(11, p.seed());
        assertTrue(p.created().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), p.created());
        assertEquals(List.of("layer dense", "loss mse", "optimizer adam"),
                p.plugins().stream().map(x -> x.kind() + " " + x.name()).toList());
        assertEquals("dev.hebb.layer.DenseProvider", p.plugins().get(0).className());
    }

    @Test
    void weightsFileUsesPyTorchStateDictNames() throws IOException {
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"),
                List.copyOf(Safetensors.read(dir.resolve(ModelDirectory.WEIGHTS)).tensors().keySet()));
    }

    @Test
    void restoredOptimizerContinuesBitwiseLikeTheOriginal() throws IOException {
        RunConfig config = config();
        Loss loss = config.buildLoss(REGISTRY);
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        for (int i = 0; i < 3; i++) {
            step(model, loss, adam);
        }
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(1, 3));

        SavedModel resumed = ModelDirectory.load(dir, REGISTRY);
        assertEquals(new Progress(1, 3), resumed.progress());
        Optimizer resumedAdam = resumed.config().buildOptimizer(REGISTRY, resumed.model().parameters());
        ModelDirectory.restoreOptimizer(dir, resumedAdam);
        for (int i = 0; i < 3; i++) {
            step(model, loss, adam);
            step(resumed.model(), loss, resumedAdam);
        }
        List<Parameter> a = model.parameters();
        List<Parameter> b = resumed.model().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, "parameter " + i + " bitwise");
        }
    }

    /** The model's parameters after {@code steps} more steps, as a run's early stopping would have copied them. */
    private static Map<String, Tensor> bestAfter(RunConfig config, Sequential model, int steps) {
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        for (int i = 0; i < steps; i++) {
            step(model, config.buildLoss(REGISTRY), adam);
        }
        Map<String, Tensor> best = new java.util.LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> best.put(name, p.value().copy()));
        return best;
    }

    @Test
    void bestWeightsAreSavedBesideTheCheckpointAndReadBackBitwise() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Map<String, Tensor> best = bestAfter(config, model, 2);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        step(model, config.buildLoss(REGISTRY), adam);   // the weights saved are past the best ones
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(3, 3), null, best);

        SavedModel saved = ModelDirectory.load(dir, REGISTRY);
        Map<String, Tensor> read = ModelDirectory.readBestWeights(dir, saved.model()).orElseThrow();
        assertEquals(List.copyOf(model.namedParameters().keySet()), List.copyOf(read.keySet()), "in the model's order");
        best.forEach((name, t) -> assertArrayEquals(t.data(), read.get(name).data(), 0f, name + " bitwise"));
        assertEquals(Safetensors.read(dir.resolve("weights.safetensors")).metadata(),
                Safetensors.read(dir.resolve("best.safetensors")).metadata(), "the weights' format, of the same save");

        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(4, 4));
        assertTrue(Files.notExists(dir.resolve("best.safetensors")), "a save without best weights removes an earlier one");
        assertEquals(java.util.Optional.empty(), ModelDirectory.readBestWeights(dir, saved.model()));
    }

    @Test
    void namedBestWeightsNamesEarlyStoppingsListParametersThenBuffers() {
        Sequential model = config().buildModel(REGISTRY);
        List<Tensor> values = model.parameters().stream().map(p -> p.value().copy()).toList();
        Map<String, Tensor> named = ModelDirectory.namedBestWeights(model, values);
        assertEquals(List.copyOf(model.namedParameters().keySet()), List.copyOf(named.keySet()));
        for (int i = 0; i < values.size(); i++) {
            assertSame(values.get(i), List.copyOf(named.values()).get(i));
        }
        assertEquals("the best weights are 1 tensors, but the model has 4 parameters and buffers [0.weight, 0.bias,"
                + " 1.weight, 1.bias]", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.namedBestWeights(model, values.subList(0, 1))).getMessage());
    }

    @Test
    void bestWeightsThatDoNotFitTheModelOrComeFromAnotherSaveAreRefused() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        Map<String, Tensor> best = bestAfter(config, model, 1);
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(1, 1), null, best);
        byte[] first = Files.readAllBytes(dir.resolve("best.safetensors"));

        Map<String, Tensor> misshaped = new java.util.LinkedHashMap<>(best);
        misshaped.put("0.weight", Tensor.zeros(3, 5));
        assertEquals("cannot save to " + dir + ": the best weights have '0.weight' of shape [3, 5] but the model's"
                + " parameter is [5, 3]", assertThrows(IllegalArgumentException.class, () -> ModelDirectory.saveCheckpoint(
                dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(2, 2), null, misshaped)).getMessage());
        Map<String, Tensor> infinite = new java.util.LinkedHashMap<>(best);
        infinite.put("1.bias", Tensor.of(new float[] {0f, Float.POSITIVE_INFINITY}, 2));
        assertEquals("cannot save to " + dir + ": best weight '1.bias' holds Infinity at element 1 (counting from 0); the"
                + " weights of a model directory must be finite numbers", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(2, 2),
                        null, infinite)).getMessage());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("best.safetensors")), "a refused save touches nothing");

        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(2, 2), null, best);
        Files.write(dir.resolve("best.safetensors"), first);   // as if mixed by hand with the first save's
        Path file = dir.resolve("best.safetensors");
        assertTrue(assertThrows(InvalidFileException.class, () -> ModelDirectory.readBestWeights(dir, model)).getMessage()
                .startsWith(file + ": belongs to another save than model.json"));
        Safetensors.write(file, Map.of("0.weight", Tensor.zeros(5, 3)), Map.of());
        assertTrue(assertThrows(InvalidFileException.class, () -> ModelDirectory.readBestWeights(dir, model)).getMessage()
                .startsWith(file + ": does not match the model: missing tensors '0.bias'"));
    }

    @Test
    void finalModelCannotResume() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        ModelDirectory.save(dir, config, model, DataInfo.NONE, REGISTRY);
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> ModelDirectory.restoreOptimizer(dir, config.buildOptimizer(REGISTRY, model.parameters())));
        assertEquals(dir.resolve("optimizer.safetensors") + ": does not exist; the model directory was saved without optimizer"
                + " state (a final model, not a checkpoint), so training cannot resume from it", e.getMessage());
    }

    @Test
    void optimizerStateOfAnotherOptimizerIsRejected() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY,
                config.buildOptimizer(REGISTRY, model.parameters()), new Progress(0, 0));
        Optimizer sgd = REGISTRY.optimizer("sgd", model.parameters(), dev.hebb.plugin.Hyperparameters.of("lr", 0.1));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.restoreOptimizer(dir, sgd));
        assertEquals(dir.resolve("optimizer.safetensors") + ": holds the state of optimizer 'adam', not of 'sgd'", e.getMessage());
        Path state = dir.resolve("optimizer.safetensors");
        Safetensors.write(state, Safetensors.read(state).tensors(), Map.of());
        assertEquals(state + ": names no optimizer in its metadata ('hebb.optimizer'), so it is not optimizer state Hebb saved",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.restoreOptimizer(dir, sgd)).getMessage());
    }

    @Test
    void filesFromTwoDifferentSavesAreDetected() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        ModelDirectory.save(dir, config, model, DataInfo.NONE, REGISTRY);
        byte[] firstWeights = Files.readAllBytes(dir.resolve(ModelDirectory.WEIGHTS));
        ModelDirectory.save(dir, config, model, DataInfo.NONE, REGISTRY);
        // As if the second save had replaced model.json but the weights were those of the first.
        Files.write(dir.resolve(ModelDirectory.WEIGHTS), firstWeights);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));
        assertTrue(e.getMessage().startsWith(dir.resolve("weights.safetensors") + ": belongs to another save than model.json"),
                e.getMessage());
    }

    @Test
    void weightsNotMatchingTheConfigAreNamed() throws IOException {
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        String json = Files.readString(dir.resolve(ModelDirectory.MODEL_JSON)).replace("\"units\" : 5", "\"units\" : 6");
        Files.writeString(dir.resolve(ModelDirectory.MODEL_JSON), json);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));
        assertEquals(dir.resolve("weights.safetensors") + ": tensor '0.weight' has shape [5, 3] but the model expects [6, 3]",
                e.getMessage());
    }

    @Test
    void newerFormatIsRejected() throws IOException {
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        String json = Files.readString(dir.resolve(ModelDirectory.MODEL_JSON)).replace("\"format\" : 1", "\"format\" : 99");
        Files.writeString(dir.resolve(ModelDirectory.MODEL_JSON), json);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));
        assertEquals(dir.resolve("model.json") + ": has model format 99; this Hebb (" + ModelDirectory.hebbVersion()
                + ") reads formats 1 to 1", e.getMessage());
    }

    /**
     * Counters that Jackson would coerce ("abc" and null to 0, 2.7 to 2, 10^12 wrapped) are refused with their
     * place and value: a resumed run would otherwise retrain finished epochs on trained weights, silently.
     */
    @Test
    void progressCountersThatAreNotWholeNumbersAreRefused() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(1, 3));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        String saved = Files.readString(json);
        assertTrue(saved.contains("\"epoch\" : 1"), saved);
        String[][] cases = {
            {"\"epoch\" : 1", "\"epoch\" : \"abc\"", "progress.epoch: expected a whole number below 2^31, got \"abc\""},
            {"\"epoch\" : 1", "\"epoch\" : null", "progress.epoch: expected a whole number below 2^31, got null"},
            {"\"epoch\" : 1", "\"epoch\" : 2.7", "progress.epoch: expected a whole number below 2^31, got 2.7"},
            {"\"epoch\" : 1", "\"epoch\" : 1000000000000", "progress.epoch: expected a whole number below 2^31, got 1000000000000"},
            {"\"epoch\" : 1", "\"epoch\" : [1, 2]", "progress.epoch: expected a whole number below 2^31, got [1,2]"},
            {"\"step\" : 3", "\"step\" : \"3\"", "progress.step: expected a whole number, got \"3\""},
        };
        for (String[] c : cases) {
            Files.writeString(json, saved.replace(c[0], c[1]));
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY), c[1]);
            assertEquals(json + ": " + c[2], e.getMessage());
        }
        Files.writeString(json, saved.replaceFirst("\"progress\" : \\{[^}]*}", "\"progress\" : [1, 2]"));
        assertEquals(json + ": progress: expected an object of counters, got [1,2]",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY)).getMessage());
        Files.writeString(json, saved);
        assertEquals(new Progress(1, 3), ModelDirectory.load(dir, REGISTRY).progress());
    }

    /**
     * The data description must fit the model: class names beyond its outputs, repeated or not strings, and a
     * normalisation of another width are refused at load, naming the place, instead of labelling predictions
     * wrongly or failing at the first one.
     */
    @Test
    void aDataDescriptionThatDoesNotFitTheModelIsRefused() throws IOException {
        RunConfig config = config();
        DataInfo data = new DataInfo(List.of("a", "b", "c"), List.of("y"), List.of("cat", "dog"),
                Normalization.fit("standard", X));
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), data, REGISTRY);
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        String saved = Files.readString(json);
        assertEquals(data, ModelDirectory.load(dir, REGISTRY).data());
        String classes = saved.substring(saved.indexOf("\"classes\""), saved.indexOf("]", saved.indexOf("\"classes\"")) + 1);
        String[][] cases = {
            {"\"classes\" : [ \"cat\", \"dog\", \"eel\" ]", "data.classes: names 3 classes, but the model has 2 outputs"},
            {"\"classes\" : [ \"cat\", \"cat\" ]", "data.classes: names a class twice: [cat, cat]"},
            {"\"classes\" : [ \"cat\", 7 ]", "data.classes[1]: expected a name (a string), got 7"},
            {"\"classes\" : \"cat\"", "data.classes: expected a list of names, got \"cat\""},
        };
        for (String[] c : cases) {
            Files.writeString(json, saved.replace(classes, c[0]));
            assertEquals(json + ": " + c[1], assertThrows(InvalidFileException.class,
                    () -> ModelDirectory.load(dir, REGISTRY), c[0]).getMessage());
        }
        String shift = saved.substring(saved.indexOf("\"shift\""), saved.indexOf("]", saved.indexOf("\"shift\"")) + 1);
        String scale = saved.substring(saved.indexOf("\"scale\""), saved.indexOf("]", saved.indexOf("\"scale\"")) + 1);
        Files.writeString(json, saved.replace(shift, "\"shift\" : [ 0.0, 0.0 ]").replace(scale, "\"scale\" : [ 1.0, 1.0 ]"));
        assertEquals(json + ": data.normalization: has 2 features, but the model takes 3 inputs",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY)).getMessage());
    }

    /** The training features' encoding round-trips; files saved before it was recorded load as UNKNOWN. */
    @Test
    void theFeatureEncodingIsSavedAndAnUnknownOneRefused() throws IOException {
        RunConfig config = config();
        DataInfo data = new DataInfo(List.of(), List.of(), List.of(), null, DataInfo.FeatureEncoding.PIXELS);
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), data, REGISTRY);
        assertEquals(data, ModelDirectory.load(dir, REGISTRY).data());
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        String saved = Files.readString(json);
        Files.writeString(json, saved.replace("\"featureEncoding\" : \"pixels\"", "\"featureEncoding\" : \"bytes\""));
        assertEquals(json + ": data.featureEncoding: expected \"values\" or \"pixels\", got \"bytes\"",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY)).getMessage());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(saved);
        ((ObjectNode) root.get("data")).remove("featureEncoding"); // as saved before it was recorded
        Files.writeString(json, mapper.writeValueAsString(root));
        assertEquals(DataInfo.FeatureEncoding.UNKNOWN, ModelDirectory.load(dir, REGISTRY).data().featureEncoding(),
                Files.readString(json));
    }

    @Test
    void corruptModelJsonNamesTheLine() throws IOException {
        Files.writeString(dir.resolve(ModelDirectory.MODEL_JSON), "{\n\"format\": 1,\n\"config\": {\n");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY));
        assertTrue(e.getMessage().startsWith(dir.resolve("model.json") + ": line 4, column "), e.getMessage());
    }

    @Test
    void missingDirectoryModelJsonOrWeightsAreNamed() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        assertEquals(nowhere + ": does not exist",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(nowhere, REGISTRY)).getMessage());
        assertEquals(dir + ": is not a model directory: it has no model.json",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY)).getMessage());
        Path file = Files.writeString(dir.resolve("weights.csv"), "1,2\n");
        assertEquals(file + ": is a file, not a model directory (a folder holding model.json and weights.safetensors)",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(file, REGISTRY)).getMessage());
        Files.delete(file);
        RunConfig config = config();
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), DataInfo.NONE, REGISTRY);
        Files.delete(dir.resolve(ModelDirectory.WEIGHTS));
        assertEquals(dir.resolve("weights.safetensors") + ": does not exist; model.json needs the weights beside it",
                assertThrows(InvalidFileException.class, () -> ModelDirectory.load(dir, REGISTRY)).getMessage());
    }

    @Test
    void aFirstSaveCutShortAfterItsCommitIsFinishedByLoading() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Path complete = dir.resolve("complete");
        ModelDirectory.save(complete, config, model, DataInfo.NONE, REGISTRY);
        // The same files saved into a new directory by a process killed after the commit record, before any
        // rename: no model.json is in place yet, but the save is committed.
        Path cut = dir.resolve("cut");
        AtomicFileSet files = AtomicFileSet.begin(cut);
        for (String name : List.of(ModelDirectory.WEIGHTS, ModelDirectory.MODEL_JSON)) {
            files.write(name, out -> Files.copy(complete.resolve(name), out));
        }
        Crashes.afterCommitRecord(files);

        SavedModel loaded = ModelDirectory.load(cut, REGISTRY);
        assertArrayEquals(model.predict(X).copy().data(), loaded.predict(X).data(), 0f, "bitwise the saved model");
        assertEquals(snapshot(complete).keySet(), snapshot(cut).keySet(), "renames finished, record removed");
    }

    /** An optimizer that fails to export its state, as a save dying after it wrote the weights file. */
    private static Optimizer failingToExport(Optimizer delegate) {
        return new Optimizer() {
            @Override
            public String name() {
                return delegate.name();
            }

            @Override
            public List<Parameter> parameters() {
                return delegate.parameters();
            }

            @Override
            public void step() {
                delegate.step();
            }

            @Override
            public double learningRate() {
                return delegate.learningRate();
            }

            @Override
            public void setLearningRate(double learningRate) {
                delegate.setLearningRate(learningRate);
            }

            @Override
            public OptimizerState state() {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }

            @Override
            public void loadState(OptimizerState state) {
                delegate.loadState(state);
            }
        };
    }

    /** Every file of {@code dir} with its bytes. */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    /** Each would have written a directory that load or restoreOptimizer refuses, over the good one. */
    @Test
    void aSaveThatCouldNotBeLoadedIsRefusedBeforeItReplacesThePreviousOne() throws IOException {
        RunConfig config = config();
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(1, 1));
        Map<String, byte[]> before = snapshot(dir);

        Sequential wider = ConfigReader.parse(CONFIG.replace("\"units\": 5", "\"units\": 6"), Path.of("."), "wider.json")
                .buildModel(REGISTRY);
        assertEquals("cannot save to " + dir + ": parameter '0.weight' is [6, 3] in the model but [5, 3] in its config;"
                + " save a model with its own config (RunConfig.of(model, ...))", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.save(dir, config, wider, DataInfo.NONE, REGISTRY)).getMessage());
        Sequential otherInputs = Sequential.builder(REGISTRY, new java.util.SplittableRandom(1), 4).dense(5).dense(2).build();
        assertEquals("cannot save to " + dir + ": the model takes samples of shape [4] but its config's model [3];"
                + " save a model with its own config (RunConfig.of(model, ...))", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.save(dir, config, otherInputs, DataInfo.NONE, REGISTRY)).getMessage());
        Sequential withTanh = Sequential.builder(REGISTRY, new java.util.SplittableRandom(1), 3).dense(5, "tanh").build();
        assertEquals("cannot save to " + dir + ": layer 1 is 'activation tanh' in the model but 'dense' in its config;"
                + " save a model with its own config (RunConfig.of(model, ...))", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.save(dir, config, withTanh, DataInfo.NONE, REGISTRY)).getMessage());
        DataInfo tooManyClasses = new DataInfo(List.of(), List.of(), List.of("a", "b", "c"), null);
        assertEquals("cannot save to " + dir + ": data.classes: names 3 classes, but the model has 2 outputs",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelDirectory.save(dir, config, model, tooManyClasses, REGISTRY)).getMessage());
        Optimizer sgd = REGISTRY.optimizer("sgd", model.parameters(), dev.hebb.plugin.Hyperparameters.of("lr", 0.1));
        assertEquals("cannot save to " + dir + ": the optimizer is 'sgd' but the config builds 'adam', so the checkpoint"
                + " could not be resumed", assertThrows(IllegalArgumentException.class, () -> ModelDirectory.saveCheckpoint(
                        dir, config, model, DataInfo.NONE, REGISTRY, sgd, new Progress(2, 2))).getMessage());
        model.parameters().get(2).value().data()[3] = Float.NaN;
        assertEquals("cannot save to " + dir + ": parameter '1.weight' holds NaN at element 3 (counting from 0); the"
                + " weights of a model directory must be finite numbers", assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(2, 2)))
                .getMessage());

        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " unchanged"));
        assertEquals(new Progress(1, 1), ModelDirectory.load(dir, REGISTRY).progress());
    }

    @Test
    void aSaveFailingBetweenItsFilesLeavesThePreviousCheckpointIntact() throws IOException {
        RunConfig config = config();
        Loss loss = config.buildLoss(REGISTRY);
        Sequential model = config.buildModel(REGISTRY);
        Optimizer adam = config.buildOptimizer(REGISTRY, model.parameters());
        step(model, loss, adam);
        ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE, REGISTRY, adam, new Progress(1, 1));
        Map<String, byte[]> before = snapshot(dir);
        List<float[]> savedWeights = model.parameters().stream().map(p -> p.value().data().clone()).toList();

        step(model, loss, adam); // training moves on; the next save writes the weights, then fails
        assertThrows(UncheckedIOException.class, () -> ModelDirectory.saveCheckpoint(dir, config, model, DataInfo.NONE,
                REGISTRY, failingToExport(adam), new Progress(2, 2)));

        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet(), "the same files, no temporary left behind");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " unchanged"));
        SavedModel loaded = ModelDirectory.load(dir, REGISTRY);
        assertEquals(new Progress(1, 1), loaded.progress());
        for (int i = 0; i < savedWeights.size(); i++) {
            assertArrayEquals(savedWeights.get(i), loaded.model().parameters().get(i).value().data(), 0f,
                    "parameter " + i + " bitwise as saved");
        }
        ModelDirectory.restoreOptimizer(dir, config.buildOptimizer(REGISTRY, loaded.model().parameters()));
    }
}
