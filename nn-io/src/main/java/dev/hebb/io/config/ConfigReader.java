package dev.hebb.io.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hebb.io.data.DataFiles;
import dev.hebb.io.data.Normalization;
import dev.hebb.plugin.Hyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a run config from JSON (with Jackson). The document:
 * <pre>{@code
 * {
 *   "model": {"inputs": 4, "layers": [
 *     {"type": "dense", "units": 16, "activation": "relu"},
 *     {"type": "dense", "units": 8},
 *     {"type": "activation", "name": "leaky_relu", "negativeSlope": 0.1},
 *     {"type": "dense", "units": 3}
 *   ]},
 *   "loss": {"name": "cross_entropy", "labelSmoothing": 0.05},
 *   "optimizer": {"name": "adam", "lr": 0.01, "betas": [0.9, 0.999]},
 *   "scheduler": {"name": "step", "stepSize": 10, "gamma": 0.5},
 *   "training": {"epochs": 50, "batchSize": 16, "shuffle": true, "seed": 7, "clipGradNorm": 1.0, "validationSplit": 0.2},
 *   "data": {"train": "iris.csv", "targets": ["species"]}
 * }
 * }</pre>
 * <ul>
 *   <li>{@code model.inputs} is the per-sample input size, or a list for a multi-dimensional shape.</li>
 *   <li>Each layer's {@code type} is a layer plugin; every other key is that plugin's hyperparameter, except
 *       {@code "activation"}, shorthand for an activation layer right after it ({@code "relu"} or
 *       {@code {"name": "leaky_relu", "negativeSlope": 0.1}}). The model's layers are that expanded list.</li>
 *   <li>{@code loss}, {@code optimizer} and {@code scheduler} are objects with the plugin's {@code name} and its
 *       hyperparameters beside it, or just the name as a string.</li>
 *   <li>{@code training} and {@code scheduler} are optional; see {@link TrainingSpec} for the defaults.</li>
 *   <li>{@code data} paths are relative to the config file's folder; see {@link DataSpec}.</li>
 * </ul>
 * Every error names the file, the JSON path and what was expected. Plugin names and hyperparameters are
 * checked against the registry when the parts are built ({@link RunConfig#validate}).
 */
public final class ConfigReader {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> TOP = List.of("model", "loss", "optimizer", "scheduler", "training", "data");
    private static final List<String> MODEL = List.of("inputs", "layers");
    private static final List<String> TRAINING = List.of("epochs", "batchSize", "shuffle", "seed", "clipGradNorm", "clipGradValue",
            "validationSplit",
            "earlyStopping");
    private static final List<String> EARLY_STOPPING = List.of("patience", "minDelta", "restoreBest");
    private static final List<String> DATA = List.of("train", "test", "targets", "normalize", "testSplit");
    private static final List<String> SOURCE = List.of("features", "targets");

    private ConfigReader() {
    }

    /**
     * Reads the config file; data paths are resolved against its folder.
     *
     * @throws ConfigException naming the file, the JSON path and what was expected
     * @throws IOException     when the file cannot be read
     */
    public static RunConfig read(Path file) throws IOException {
        String source = file.toString();
        JsonNode root;
        try {
            // Bytes, not a Reader: Jackson then skips a byte-order mark and names the line and column of a byte
            // that is not UTF-8 (a Reader failed with "Input length = 1", naming nothing).
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        }
        return fromTree(root, file.toAbsolutePath().getParent(), source);
    }

    /** Parses JSON text; relative data paths are resolved against {@code baseDir}. */
    public static RunConfig parse(String json, Path baseDir, String source) {
        try {
            return fromTree(JSON.readTree(json), baseDir, source);
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        }
    }

    private static ConfigException malformed(String source, JsonProcessingException e) {
        return new ConfigException(source, "", dev.hebb.io.internal.JsonErrors.describe(e), e);
    }

    /** Reads a config from a parsed JSON tree (e.g. the {@code config} member of a saved {@code model.json}). */
    public static RunConfig fromTree(JsonNode tree, Path baseDir, String source) {
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException(source, "", "is empty; expected a JSON object with model, loss, optimizer and data");
        }
        Node root = new Node(tree, "", source).object().only(TOP);
        ModelSpec model = model(root.require("model", "an object with inputs and layers"));
        PluginSpec loss = plugin(root.require("loss", "the loss, e.g. {\"name\": \"cross_entropy\"}"));
        PluginSpec optimizer = plugin(root.require("optimizer", "the optimizer, e.g. {\"name\": \"adam\", \"lr\": 0.001}"));
        Node s = root.get("scheduler");
        PluginSpec scheduler = s == null ? null : plugin(s);
        Node t = root.get("training");
        TrainingSpec training = t == null ? TrainingSpec.DEFAULTS : training(t);
        Node d = root.get("data");
        DataSpec data = d == null ? null : data(d, baseDir);
        return new RunConfig(model, loss, optimizer, scheduler, training, data, source);
    }

    private static ModelSpec model(Node node) {
        node.object().only(MODEL);
        Node inputs = node.require("inputs", "the size of one input sample, e.g. 4, or its shape, e.g. [1, 28, 28]");
        int[] shape;
        if (inputs.json.isArray()) {
            List<Node> dims = inputs.array();
            if (dims.isEmpty()) {
                throw inputs.fail("expected at least one dimension");
            }
            shape = dims.stream().mapToInt(Node::positiveInt).toArray();
        } else {
            shape = new int[] {inputs.positiveInt()};
        }
        List<Node> layerNodes = node.require("layers", "the list of layers").array();
        if (layerNodes.isEmpty()) {
            throw node.get("layers").fail("expected at least one layer");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (Node layer : layerNodes) {
            layer.object();
            String type = layer.require("type", "the layer type, e.g. \"dense\"").string();
            Node activation = type.equals("activation") ? null : layer.get("activation");
            layers.add(new LayerSpec(type, layer.hyperparameters(Set.of("type", "activation")), layer.path));
            if (activation != null) {
                Hyperparameters h;
                if (activation.json.isTextual()) {
                    h = Hyperparameters.of("name", activation.string());
                } else if (activation.json.isObject()) {
                    activation.require("name", "the activation's name, e.g. \"relu\"").string();
                    h = activation.hyperparameters(Set.of());
                } else {
                    throw activation.fail("expected an activation name such as \"relu\" or an object with its name, got "
                            + activation.json);
                }
                layers.add(new LayerSpec("activation", h, activation.path));
            }
        }
        return new ModelSpec(shape, layers);
    }

    private static PluginSpec plugin(Node node) {
        if (node.json.isTextual()) {
            return new PluginSpec(node.string(), Hyperparameters.empty(), node.path);
        }
        node.object();
        String name = node.require("name", "the plugin's name").string();
        return new PluginSpec(name, node.hyperparameters(Set.of("name")), node.path);
    }

    private static TrainingSpec training(Node node) {
        node.object().only(TRAINING);
        TrainingSpec d = TrainingSpec.DEFAULTS;
        Node n;
        int epochs = (n = node.get("epochs")) == null ? d.epochs() : n.positiveInt();
        int batchSize = (n = node.get("batchSize")) == null ? d.batchSize() : n.positiveInt();
        boolean shuffle = (n = node.get("shuffle")) == null ? d.shuffle() : n.bool();
        long seed = (n = node.get("seed")) == null ? d.seed() : n.longValue();
        double clip = d.clipGradNorm();
        if ((n = node.get("clipGradNorm")) != null) {
            clip = n.number();
            if (!(clip >= 0) || Double.isInfinite(clip)) {
                throw n.fail("expected a finite number >= 0 (0 = no clipping), got " + n.json);
            }
        }
        double clipValue = d.clipGradValue();
        if ((n = node.get("clipGradValue")) != null) {
            clipValue = n.number();
            if (!(clipValue >= 0) || Double.isInfinite(clipValue)) {
                throw n.fail("expected a finite number >= 0 (0 = no clipping), got " + n.json);
            }
        }
        double split = d.validationSplit();
        if ((n = node.get("validationSplit")) != null) {
            split = n.number();
            if (!(split >= 0 && split < 1)) {
                throw n.fail("expected a fraction in [0, 1), got " + n.json);
            }
        }
        EarlyStoppingSpec earlyStopping = (n = node.get("earlyStopping")) == null ? null : earlyStopping(n);
        return new TrainingSpec(epochs, batchSize, shuffle, seed, clip, clipValue, split, earlyStopping);
    }

    private static EarlyStoppingSpec earlyStopping(Node node) {
        node.object().only(EARLY_STOPPING);
        int patience = node.require("patience", "the number of epochs without improvement before stopping").positiveInt();
        Node n = node.get("minDelta");
        double minDelta = n == null ? 0 : n.number();
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw n.fail("expected a finite number >= 0, got " + n.json);
        }
        Node restore = node.get("restoreBest");
        return new EarlyStoppingSpec(patience, minDelta, restore != null && restore.bool());
    }

    private static DataSpec data(Node node, Path baseDir) {
        node.object().only(DATA);
        DataSpec.Source train = source(node.require("train", "the training data file"), baseDir);
        Node t = node.get("test");
        DataSpec.Source test = t == null ? null : source(t, baseDir);
        List<String> targets = new ArrayList<>();
        Node targetsNode = node.get("targets");
        if (targetsNode != null) {
            if (targetsNode.json.isTextual()) {
                targets.add(targetsNode.string());
            } else {
                for (Node column : targetsNode.array()) {
                    String name = column.string();
                    if (targets.contains(name)) {
                        throw column.fail("target column '" + name + "' is listed twice");
                    }
                    targets.add(name);
                }
            }
        }
        if (train.targets() == null && targets.isEmpty()) {
            throw new ConfigException(node.source, node.childPath("targets"), "is missing; expected the list of target"
                    + " columns of " + train.features().getFileName() + ", e.g. [\"species\"]");
        }
        String normalize = null;
        Node n = node.get("normalize");
        if (n != null) {
            normalize = n.string();
            if (normalize.equals("none")) {
                normalize = null;
            } else if (!Normalization.KINDS.contains(normalize)) {
                throw n.fail("expected one of standard, minmax, none, got \"" + normalize + "\"");
            }
        }
        double testSplit = 0;
        if ((n = node.get("testSplit")) != null) {
            testSplit = n.number();
            if (!(testSplit >= 0 && testSplit < 1)) {
                throw n.fail("expected a fraction in [0, 1), got " + n.json);
            }
            if (testSplit > 0 && test != null) {
                throw n.fail("a test file is given too; give either \"test\" or \"testSplit\", not both");
            }
        }
        return new DataSpec(train, test, targets, normalize, testSplit);
    }

    private static DataSpec.Source source(Node node, Path baseDir) {
        if (node.json.isTextual()) {
            Path file = baseDir.resolve(node.string()).normalize();
            if (!DataFiles.isCsv(file)) {
                if (Files.isDirectory(file)) { // (only where it would be refused anyway: a model's saved config is read too)
                    throw node.fail(file + " is a folder; expected a data file (CSV, or {\"features\": ..., \"targets\": ...})");
                }
                throw node.fail(file.getFileName() + " is not a CSV file, so its targets are in another file; expected"
                        + " {\"features\": \"...\", \"targets\": \"...\"}");
            }
            return new DataSpec.Source(file, null);
        }
        node.object().only(SOURCE);
        Path features = baseDir.resolve(node.require("features", "the features file").string()).normalize();
        Path targets = baseDir.resolve(node.require("targets", "the targets file").string()).normalize();
        return new DataSpec.Source(features, targets);
    }
}
