package dev.hebb.io.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.io.InvalidFileException;
import dev.hebb.io.config.ConfigException;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.ConfigWriter;
import dev.hebb.io.config.LayerSpec;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.data.Normalization;
import dev.hebb.io.internal.AtomicFileSet;
import dev.hebb.io.internal.JsonErrors;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.io.safetensors.SafetensorsContent;
import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.PluginProvider;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.EarlyStopping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * A saved model: a directory holding
 * <ul>
 *   <li>{@code model.json}: format version, provenance (Hebb version, date, seed, plugins with classes and
 *       versions), the full config as run, the data description (columns, class names, normalisation)
 *       and, for checkpoints, the progress counters;</li>
 *   <li>{@code weights.safetensors}: the model's state ({@link Sequential#stateDict()}: its parameters and, for
 *       layers that keep any, its buffers such as a batch norm's running statistics) under PyTorch's state-dict
 *       names, loadable by {@code torch.nn.Sequential.load_state_dict}; for a model without buffers, just the
 *       parameters, as before buffers existed;</li>
 *   <li>{@code optimizer.safetensors} (checkpoints only): the optimizer's state tensors, its scalars in
 *       the metadata;</li>
 *   <li>{@code best.safetensors} (checkpoints of runs whose early stopping restores the best weights, once an
 *       epoch has ended): the weights after the best epoch so far, as {@code weights.safetensors} holds weights,
 *       so that a resumed run can still end with them.</li>
 * </ul>
 * A save replaces these files together ({@link AtomicFileSet}: each is written to a temporary sibling and
 * forced to disk, then a commit record makes the set current and the renames follow), so a crash or a full
 * disk at any moment leaves either the previous save or the new one, complete; loading first finishes a
 * committed save that a crash interrupted. Other files in the directory (a run's {@code metrics.csv}) are
 * left alone. Every file also carries the same save id, so a reader racing a concurrent save is told
 * instead of silently mixing two saves.
 */
public final class ModelDirectory {

    /** The version of the model.json layout. */
    public static final int FORMAT = 1;

    /** The file names inside the directory. */
    public static final String MODEL_JSON = "model.json";
    /** The weights file. */
    public static final String WEIGHTS = "weights.safetensors";
    /** The optimizer state file. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** The best epoch's weights, kept by a checkpoint of a run whose early stopping restores them. */
    public static final String BEST_WEIGHTS = "best.safetensors";

    private static final String SAVE_ID = "hebb.save_id";
    private static final String OPTIMIZER_NAME = "hebb.optimizer";
    private static final String SCALAR_PREFIX = "scalar.";
    /** The optimizer state's scalar holding {@link Optimizer#initialLearningRate()}. */
    private static final String INITIAL_LR = "initial_lr";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ModelDirectory() {
    }

    /** The version of Hebb that is running, from the build. */
    public static String hebbVersion() {
        try (InputStream in = ModelDirectory.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Saves a trained model (no optimizer state): {@code model.json} and {@code weights.safetensors}.
     *
     * @throws IllegalArgumentException before any file is written, when {@code config} does not describe
     *                                  {@code model} (its layers, parameter shapes and input shape), {@code data}
     *                                  does not fit it, or a weight is NaN or infinite: {@link #load} would refuse
     *                                  the directory
     */
    public static void save(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry)
            throws IOException {
        save(dir, config, model, data, registry, null);
    }

    /**
     * {@link #save(Path, RunConfig, Sequential, DataInfo, PluginRegistry)} of a model trained from the weights
     * {@code initialWeights} names (see {@link Provenance#initialWeights()}), or from its seed when null.
     */
    public static void save(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                            String initialWeights) throws IOException {
        write(dir, config, model, data, registry, null, null, initialWeights, null);
    }

    /**
     * Saves a checkpoint to resume from: the model files plus {@code optimizer.safetensors} and the
     * progress counters.
     *
     * @throws IllegalArgumentException as {@link #save(Path, RunConfig, Sequential, DataInfo, PluginRegistry)}, and
     *                                  when {@code optimizer} is not the one the config names
     */
    public static void saveCheckpoint(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                                      Optimizer optimizer, Progress progress) throws IOException {
        saveCheckpoint(dir, config, model, data, registry, optimizer, progress, null);
    }

    /**
     * {@link #saveCheckpoint(Path, RunConfig, Sequential, DataInfo, PluginRegistry, Optimizer, Progress)} of a run
     * that started from the weights {@code initialWeights} names (see {@link Provenance#initialWeights()}), or
     * from its seed when null.
     */
    public static void saveCheckpoint(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                                      Optimizer optimizer, Progress progress, String initialWeights) throws IOException {
        saveCheckpoint(dir, config, model, data, registry, optimizer, progress, initialWeights, null);
    }

    /**
     * {@link #saveCheckpoint(Path, RunConfig, Sequential, DataInfo, PluginRegistry, Optimizer, Progress, String)} of a
     * run whose early stopping restores the best weights: {@code bestWeights} (the model's parameter and buffer names
     * to the values after the best epoch, see {@link dev.hebb.train.EarlyStopping#bestWeights()}) are written to
     * {@value #BEST_WEIGHTS} in the same save, for {@link #readBestWeights} to give back on resume. With
     * {@code null}, a {@value #BEST_WEIGHTS} of an earlier save is removed.
     *
     * @throws IllegalArgumentException as the other overloads, and when the best weights do not have the model's
     *                                  parameter and buffer names and shapes or hold a NaN or infinite value
     */
    public static void saveCheckpoint(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                                      Optimizer optimizer, Progress progress, String initialWeights,
                                      Map<String, Tensor> bestWeights) throws IOException {
        write(dir, config, model, data, registry, optimizer, progress, initialWeights, bestWeights);
    }

    private static void write(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                              Optimizer optimizer, Progress progress, String initialWeights,
                              Map<String, Tensor> bestWeights) throws IOException {
        checkSavable(dir, config, model, data, registry, optimizer);
        if (bestWeights != null) {
            checkBestWeights(dir, model, bestWeights);
        }
        String saveId = UUID.randomUUID().toString();
        try (AtomicFileSet files = AtomicFileSet.begin(dir)) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "pt");
            meta.put(SAVE_ID, saveId);
            files.write(WEIGHTS, out -> Safetensors.write(out, model.stateDict(), meta));
            if (optimizer != null) {
                OptimizerState state = optimizer.state();
                Map<String, String> optimizerMeta = new LinkedHashMap<>();
                optimizerMeta.put(SAVE_ID, saveId);
                optimizerMeta.put(OPTIMIZER_NAME, optimizer.name());
                // Double.toString round-trips exactly, so resumed scalars are bitwise the saved ones.
                state.scalars().forEach((k, v) -> optimizerMeta.put(SCALAR_PREFIX + k, Double.toString(v)));
                files.write(OPTIMIZER, out -> Safetensors.write(out, state.tensors(), optimizerMeta));
            } else {
                files.delete(OPTIMIZER);
            }
            if (bestWeights != null) {
                files.write(BEST_WEIGHTS, out -> Safetensors.write(out, bestWeights, meta));
            } else {
                // A stale file of an earlier save would belong to another save, and mislead a reader.
                files.delete(BEST_WEIGHTS);
            }
            byte[] json = modelJson(saveId, config, data, registry, progress, initialWeights);
            files.write(MODEL_JSON, out -> out.write(json));
            files.commit();
        }
    }

    private static byte[] modelJson(String saveId, RunConfig config, DataInfo data, PluginRegistry registry,
                                    Progress progress, String initialWeights) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("saveId", saveId);
        Provenance provenance = provenance(config, registry, initialWeights);
        ObjectNode p = root.putObject("provenance");
        p.put("hebbVersion", provenance.hebbVersion()).put("created", provenance.created()).put("seed", provenance.seed());
        if (provenance.initialWeights() != null) {
            p.put("initialWeights", provenance.initialWeights());
        }
        ArrayNode plugins = p.putArray("plugins");
        for (Provenance.Plugin plugin : provenance.plugins()) {
            plugins.addObject().put("kind", plugin.kind()).put("name", plugin.name()).put("class", plugin.className())
                    .put("version", plugin.version());
        }
        root.set("config", ConfigWriter.toTree(config));
        root.set("data", dataTree(data));
        if (progress != null) {
            ObjectNode counters = root.putObject("progress").put("epoch", progress.epoch()).put("step", progress.step());
            if (progress.data() != null) {
                counters.put("data", progress.data());
            }
            EarlyStopping.State es = progress.earlyStopping();
            // Before the first epoch the best loss is +∞, which JSON cannot hold; that state is the initial one anyway.
            if (es != null && es.bestEpoch() >= 0) {
                counters.putObject("earlyStopping").put("bestLoss", es.bestLoss()).put("bestEpoch", es.bestEpoch())
                        .put("epochsWithoutImprovement", es.epochsWithoutImprovement());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static ObjectNode dataTree(DataInfo data) {
        ObjectNode node = JSON.createObjectNode();
        data.featureNames().forEach(node.putArray("features")::add);
        data.targetNames().forEach(node.putArray("targets")::add);
        data.classNames().forEach(node.putArray("classes")::add);
        if (data.featureEncoding() != DataInfo.FeatureEncoding.UNKNOWN) {
            node.put("featureEncoding", data.featureEncoding().name().toLowerCase(Locale.ROOT));
        }
        Normalization n = data.normalization();
        if (n != null) {
            ObjectNode norm = node.putObject("normalization").put("kind", n.kind());
            ArrayNode shift = norm.putArray("shift");
            for (double v : n.shift()) {
                shift.add(v);
            }
            ArrayNode scale = norm.putArray("scale");
            for (double v : n.scale()) {
                scale.add(v);
            }
        }
        return node;
    }

    private static Provenance provenance(RunConfig config, PluginRegistry registry, String initialWeights) {
        List<Provenance.Plugin> plugins = new ArrayList<>();
        for (LayerSpec layer : config.model().layers()) {
            add(plugins, "layer", registry.layerProvider(layer.type()));
            if (layer.type().equals("activation") && layer.hyperparameters().has("name")) {
                add(plugins, "activation", registry.activationProvider(layer.hyperparameters().getString("name", null)));
            }
        }
        add(plugins, "loss", registry.lossProvider(config.loss().name()));
        add(plugins, "optimizer", registry.optimizerProvider(config.optimizer().name()));
        if (config.scheduler() != null) {
            add(plugins, "schedule", registry.scheduleProvider(config.scheduler().name()));
        }
        return new Provenance(hebbVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                config.training().seed(), initialWeights, plugins);
    }

    private static void add(List<Provenance.Plugin> plugins, String kind, PluginProvider provider) {
        Class<?> c = provider.getClass();
        if (plugins.stream().anyMatch(p -> p.kind().equals(kind) && p.name().equals(provider.name()))) {
            return;
        }
        String version = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        if (version == null && c.getName().startsWith("dev.hebb.")) {
            version = hebbVersion();
        }
        plugins.add(new Provenance.Plugin(kind, provider.name(), c.getName(), version == null ? "unknown" : version));
    }

    /**
     * Loads a model directory: the model is rebuilt from the saved config through {@code registry} and
     * its weights loaded, so predictions are identical to the saved model's.
     *
     * @throws InvalidFileException naming the file and the problem (malformed, weights not matching the
     *                              config, e.g. missing a buffer the model has, files from different saves)
     */
    public static SavedModel load(Path dir, PluginRegistry registry) throws IOException {
        if (Files.isDirectory(dir)) {
            AtomicFileSet.recover(dir); // first, as a committed first save may not have renamed model.json yet
        }
        Path jsonFile = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new InvalidFileException(dir, Files.isDirectory(dir) ? "is not a model directory: it has no " + MODEL_JSON
                    : Files.exists(dir) ? "is a file, not a model directory (a folder holding " + MODEL_JSON + " and "
                    + WEIGHTS + ")" : "does not exist");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(jsonFile));
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(jsonFile, JsonErrors.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFileException(jsonFile, "is not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt() || format.intValue() > FORMAT || format.intValue() < 1) {
            throw new InvalidFileException(jsonFile, "has model format " + format + "; this Hebb (" + hebbVersion()
                    + ") reads formats 1 to " + FORMAT);
        }
        JsonNode configNode = root.get("config");
        if (configNode == null) {
            throw new InvalidFileException(jsonFile, "has no 'config'");
        }
        RunConfig config;
        Sequential model;
        Loss loss;
        try {
            config = ConfigReader.fromTree(configNode, dir, jsonFile + " (config)");
            model = config.buildModel(registry);
            loss = config.buildLoss(registry);   // whether and how the outputs are classes, for SavedModel's predictions
        } catch (ConfigException e) {
            // InvalidFileException names the file once; the JSON path is given from its root ("config.model...").
            throw new InvalidFileException(jsonFile, "config" + (e.jsonPath().isEmpty() ? "" : "." + e.jsonPath()) + ": "
                    + e.detail() + missingPluginHint(provenance(root.path("provenance")), registry), e);
        }
        String saveId = text(root, "saveId");
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new InvalidFileException(weights, "does not exist; " + MODEL_JSON + " needs the weights beside it");
        }
        Map<String, String> meta = Safetensors.loadModel(weights, model);
        checkSameSave(weights, meta.get(SAVE_ID), saveId);
        Progress progress = null;
        JsonNode p = root.get("progress");
        if (p != null) {
            // Read strictly: a counter that Jackson coerced ("abc" or null to 0, 2.7 to 2) would make a resumed
            // run retrain finished epochs on trained weights, silently.
            if (!p.isObject()) {
                throw new InvalidFileException(jsonFile, "progress: expected an object of counters, got " + p);
            }
            JsonNode es = p.get("earlyStopping");
            if (es != null && !es.isObject()) {
                throw new InvalidFileException(jsonFile, "progress.earlyStopping: expected an object, got " + es);
            }
            try {
                progress = new Progress((int) wholeNumber(jsonFile, p, "progress", "epoch", Integer.MAX_VALUE),
                        wholeNumber(jsonFile, p, "progress", "step", Long.MAX_VALUE), es == null ? null
                        : new EarlyStopping.State(number(jsonFile, es, "progress.earlyStopping", "bestLoss"),
                                (int) wholeNumber(jsonFile, es, "progress.earlyStopping", "bestEpoch", Integer.MAX_VALUE),
                                (int) wholeNumber(jsonFile, es, "progress.earlyStopping", "epochsWithoutImprovement",
                                        Integer.MAX_VALUE)), text(p, "data"));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(jsonFile, "progress: " + e.getMessage(), e);
            }
        }
        DataInfo data = dataInfo(jsonFile, root.path("data"));
        checkFits(jsonFile, data, model);
        return new SavedModel(config, model, data, provenance(root.path("provenance")), progress, loss);
    }

    /**
     * The data description must fit the model it was saved with: a normalisation of another width fails only
     * at the first prediction, and class names beyond the outputs, repeated, or not strings label columns
     * silently wrong. Fewer names than outputs is allowed (a config may give more output units than classes).
     */
    private static void checkFits(Path jsonFile, DataInfo data, Sequential model) throws InvalidFileException {
        String misfit = misfit(data, model);
        if (misfit != null) {
            throw new InvalidFileException(jsonFile, misfit);
        }
    }

    /** How {@code data} does not fit {@code model} (see {@link #checkFits}), or null when it fits. */
    private static String misfit(DataInfo data, Sequential model) {
        int inputs = Tensor.sizeOf(model.inputShape());
        if (data.normalization() != null && data.normalization().features() != inputs) {
            return "data.normalization: has " + data.normalization().features() + " features, but the model takes "
                    + inputs + " inputs";
        }
        int outputs = Tensor.sizeOf(model.outputShape());
        List<String> classes = data.classNames();
        if (classes.size() > outputs) {
            return "data.classes: names " + classes.size() + " classes, but the model has " + outputs + " outputs";
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            return "data.classes: names a class twice: " + classes;
        }
        return null;
    }

    /**
     * Fails before any file is touched when the directory written would be one that {@link #load} or
     * {@link #restoreOptimizer} refuses, so that a mistaken save never replaces a good one: the config must
     * describe the model (load rebuilds the model from it), the data description must fit the model, a
     * checkpoint's optimizer must be the config's, and every weight must be finite (load refuses others).
     *
     * @throws IllegalArgumentException naming the directory and the first problem
     */
    private static void checkSavable(Path dir, RunConfig config, Sequential model, DataInfo data, PluginRegistry registry,
                                     Optimizer optimizer) {
        Sequential described = config.buildModel(registry);
        String problem = mismatch(described, model);
        if (problem == null) {
            problem = misfit(data, model);
        }
        if (problem == null && optimizer != null) {
            // What a resumed run restores the state into (an optimizer's name() may differ from its plugin's).
            String resumed = config.buildOptimizer(registry, model.parameters()).name();
            if (!resumed.equals(optimizer.name())) {
                problem = "the optimizer is '" + optimizer.name() + "' but the config builds '" + resumed
                        + "', so the checkpoint could not be resumed";
            }
        }
        if (problem == null) {
            problem = nonFinite(Safetensors.values(model.namedParameters()), "parameter");
        }
        if (problem == null) {
            problem = nonFinite(model.buffers(), "buffer");
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot save to " + dir + ": " + problem);
        }
    }

    /** Where the first NaN or infinite value of {@code tensors} is, as "{@code what} 'name' holds ...", or null. */
    private static String nonFinite(Map<String, Tensor> tensors, String what) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor value = e.getValue();
            int i = Ops.firstNonFinite(value);
            if (i >= 0) {
                return what + " '" + e.getKey() + "' holds " + value.data()[i] + " at element " + i
                        + " (counting from 0); the weights of a model directory must be finite numbers";
            }
        }
        return null;
    }

    /** Fails before any file is touched when the best weights are not the model's names and shapes, or not finite. */
    private static void checkBestWeights(Path dir, Sequential model, Map<String, Tensor> bestWeights) {
        Map<String, Tensor> expected = bestWeightsOrder(model);
        String problem = null;
        for (String name : expected.keySet()) {
            Tensor t = bestWeights.get(name);
            if (t == null || !Arrays.equals(t.shape(), expected.get(name).shape())) {
                problem = "the best weights have " + (t == null ? "no '" + name + "'" : "'" + name + "' of shape "
                        + Arrays.toString(t.shape())) + " but the model's " + (model.buffers().containsKey(name) ? "buffer"
                        : "parameter") + " is " + Arrays.toString(expected.get(name).shape());
                break;
            }
        }
        if (problem == null && bestWeights.size() != expected.size()) {
            problem = "the best weights have " + bestWeights.size() + " tensors but the model has " + expected.size()
                    + (model.buffers().isEmpty() ? " parameters " : " parameters and buffers ") + expected.keySet();
        }
        if (problem == null) {
            problem = nonFinite(bestWeights, "best weight");
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot save to " + dir + ": " + problem);
        }
    }

    /**
     * {@code bestWeights}, listed as {@link EarlyStopping#bestWeights()} lists them (the model's parameters, then its
     * buffers), by their state-dict names: what {@link #saveCheckpoint(Path, RunConfig, Sequential, DataInfo,
     * PluginRegistry, Optimizer, Progress, String, Map)} takes.
     *
     * @throws IllegalArgumentException when they are not as many as the model's parameters and buffers
     */
    public static Map<String, Tensor> namedBestWeights(Sequential model, List<Tensor> bestWeights) {
        Map<String, Tensor> order = bestWeightsOrder(model);
        if (bestWeights.size() != order.size()) {
            throw new IllegalArgumentException("the best weights are " + bestWeights.size() + " tensors, but the model has "
                    + order.size() + " parameters and buffers " + order.keySet());
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        Iterator<Tensor> values = bestWeights.iterator();
        order.keySet().forEach(name -> named.put(name, values.next()));
        return named;
    }

    /**
     * The model's parameters, then its buffers, by state-dict name: the order of {@link EarlyStopping#bestWeights()},
     * in which {@value #BEST_WEIGHTS} is written and read.
     */
    private static Map<String, Tensor> bestWeightsOrder(Sequential model) {
        Map<String, Tensor> order = Safetensors.values(model.namedParameters());
        order.putAll(model.buffers());
        return order;
    }

    /**
     * How {@code model} differs from {@code described}, the model its config builds: input shape, layers (an
     * activation layer with its activation) or parameter shapes; null when they agree.
     */
    private static String mismatch(Sequential described, Sequential model) {
        String advice = "; save a model with its own config (RunConfig.of(model, ...))";
        if (!Arrays.equals(described.inputShape(), model.inputShape())) {
            return "the model takes samples of shape " + Arrays.toString(model.inputShape()) + " but its config's model "
                    + Arrays.toString(described.inputShape()) + advice;
        }
        List<Layer> want = described.layers();
        List<Layer> have = model.layers();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? describe(want.get(i)) : "missing";
            String h = i < have.size() ? describe(have.get(i)) : "missing";
            if (!w.equals(h)) {
                return "layer " + i + " is " + h + " in the model but " + w + " in its config" + advice;
            }
        }
        Map<String, Parameter> wanted = described.namedParameters();
        Map<String, Parameter> had = model.namedParameters();
        Set<String> names = new LinkedHashSet<>(had.keySet());
        names.addAll(wanted.keySet());
        for (String name : names) {
            String w = wanted.containsKey(name) ? Arrays.toString(wanted.get(name).value().shape()) : "missing";
            String h = had.containsKey(name) ? Arrays.toString(had.get(name).value().shape()) : "missing";
            if (!w.equals(h)) {
                return "parameter '" + name + "' is " + h + " in the model but " + w + " in its config" + advice;
            }
        }
        return null;
    }

    /** A layer as the config names it: its type, and for an activation layer, its activation. */
    private static String describe(Layer layer) {
        return "'" + layer.type() + (layer instanceof ActivationLayer a ? " " + a.activation().name() : "") + "'";
    }

    /**
     * Restores the optimizer state of a checkpoint into {@code optimizer} (created by the saved config
     * over the loaded model's parameters), before or after a trainer is created over it: the state holds
     * the schedule's base rate ({@link Optimizer#initialLearningRate()}), which the trainer reads.
     *
     * <p>A checkpoint saved before Hebb kept that rate has none; it is then taken to be the one the
     * optimizer holds before the restore (recorded by a trainer already created over it, or else the
     * learning rate it was created with, the saved config's): the rate the saved run was scheduled from
     * when it was created from its config, as {@code nn train} and {@code TrainingRun} create it.
     *
     * @throws InvalidFileException when the directory has no optimizer state, it belongs to another
     *                              optimizer or another save, or does not fit the parameters
     */
    public static void restoreOptimizer(Path dir, Optimizer optimizer) throws IOException {
        AtomicFileSet.recover(dir);
        Path file = dir.resolve(OPTIMIZER);
        if (!Files.exists(file)) {
            throw new InvalidFileException(file, "does not exist; the model directory was saved without optimizer state"
                    + " (a final model, not a checkpoint), so training cannot resume from it");
        }
        SafetensorsContent content = Safetensors.read(file);
        String name = content.metadata().get(OPTIMIZER_NAME);
        if (!optimizer.name().equals(name)) {
            throw new InvalidFileException(file, name == null ? "names no optimizer in its metadata ('" + OPTIMIZER_NAME
                    + "'), so it is not optimizer state Hebb saved" : "holds the state of optimizer '" + name + "', not of '"
                    + optimizer.name() + "'");
        }
        checkOfThisSave(dir, file, content);
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : content.metadata().entrySet()) {
            if (e.getKey().startsWith(SCALAR_PREFIX)) {
                try {
                    scalars.put(e.getKey().substring(SCALAR_PREFIX.length()), Double.parseDouble(e.getValue()));
                } catch (NumberFormatException ex) {
                    throw new InvalidFileException(file, "metadata '" + e.getKey() + "' is not a number: " + e.getValue());
                }
            }
        }
        double base = optimizer.initialLearningRate().orElse(optimizer.learningRate());
        try {
            optimizer.loadState(new OptimizerState(content.tensors(), scalars));
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage(), e);
        }
        if (!scalars.containsKey(INITIAL_LR)) {
            optimizer.setInitialLearningRate(base);
        }
    }

    /**
     * The best epoch's weights a checkpoint of a run restoring them keeps ({@value #BEST_WEIGHTS}), in the order of
     * {@code model}'s parameters and then its buffers (as {@link EarlyStopping#bestWeights()}), or empty when the directory has none (a run without it, or an older checkpoint).
     *
     * @param model the model loaded from the directory, whose parameter and buffer names and shapes the weights must have
     * @throws InvalidFileException when the file is malformed, belongs to another save than {@value #MODEL_JSON}, does
     *                              not match the model, or holds a NaN or infinite value
     */
    public static Optional<Map<String, Tensor>> readBestWeights(Path dir, Sequential model) throws IOException {
        AtomicFileSet.recover(dir);
        Path file = dir.resolve(BEST_WEIGHTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        SafetensorsContent content = Safetensors.read(file);
        Map<String, Tensor> expected = bestWeightsOrder(model);
        Safetensors.checkMatches(file, content.tensors(), expected, "the model");
        checkOfThisSave(dir, file, content);
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        expected.keySet().forEach(name -> ordered.put(name, content.tensors().get(name)));
        return Optional.of(ordered);
    }

    /**
     * Fails when {@code content}, read from {@code file} beside {@value #MODEL_JSON} in {@code dir}, belongs to another
     * save than it or holds a NaN or infinite value.
     */
    private static void checkOfThisSave(Path dir, Path file, SafetensorsContent content) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(dir.resolve(MODEL_JSON)));
        checkSameSave(file, content.metadata().get(SAVE_ID), text(root, "saveId"));
        Safetensors.checkFinite(file, content.tensors());
    }

    private static void checkSameSave(Path file, String fileId, String jsonId) throws InvalidFileException {
        if (jsonId != null && !jsonId.equals(fileId)) {
            throw new InvalidFileException(file, "belongs to another save than " + MODEL_JSON + " (save id " + fileId + " vs "
                    + jsonId + "): the files changed while being read, or were mixed by hand; read them again, or save again");
        }
    }

    /** {@code node.key}, which must be a whole number (of either sign: the records check their own ranges) up to {@code max}. */
    private static long wholeNumber(Path file, JsonNode node, String path, String key, long max) throws InvalidFileException {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() > max || v.longValue() < -max) {
            throw new InvalidFileException(file, path + "." + key + ": expected a whole number"
                    + (max == Integer.MAX_VALUE ? " below 2^31" : "") + ", got " + (v == null ? "nothing" : v.toString()));
        }
        return v.longValue();
    }

    /** {@code node.key}, which must be a number. */
    private static double number(Path file, JsonNode node, String path, String key) throws InvalidFileException {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw new InvalidFileException(file, path + "." + key + ": expected a number, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.doubleValue();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || !v.isTextual() ? null : v.textValue();
    }

    private static DataInfo dataInfo(Path file, JsonNode node) throws InvalidFileException {
        Normalization normalization = null;
        JsonNode n = node.get("normalization");
        if (n != null) {
            try {
                normalization = new Normalization(n.path("kind").asText(), doubles(n.path("shift")), doubles(n.path("scale")));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(file, "data.normalization: " + e.getMessage(), e);
            }
        }
        JsonNode e = node.get("featureEncoding");
        DataInfo.FeatureEncoding encoding = e == null ? DataInfo.FeatureEncoding.UNKNOWN // saved before it was recorded
                : switch (e.isTextual() ? e.textValue() : "") {
                    case "values" -> DataInfo.FeatureEncoding.VALUES;
                    case "pixels" -> DataInfo.FeatureEncoding.PIXELS;
                    default -> throw new InvalidFileException(file, "data.featureEncoding: expected \"values\" or"
                            + " \"pixels\", got " + e);
                };
        return new DataInfo(strings(file, node.path("features"), "data.features"), strings(file, node.path("targets"),
                "data.targets"), strings(file, node.path("classes"), "data.classes"), normalization, encoding);
    }

    /**
     * For a model saved with plugins this registry lacks: which ones, by class, and how to add them; else "".
     */
    private static String missingPluginHint(Provenance saved, PluginRegistry registry) {
        List<String> missing = new ArrayList<>();
        for (Provenance.Plugin p : saved.plugins()) {
            boolean known = switch (p.kind()) {
                case "layer" -> registry.layers().containsKey(p.name());
                case "activation" -> registry.activations().containsKey(p.name());
                case "loss" -> registry.losses().containsKey(p.name());
                case "optimizer" -> registry.optimizers().containsKey(p.name());
                case "schedule" -> registry.schedules().containsKey(p.name());
                default -> true;
            };
            if (!known) {
                missing.add(p.kind() + " '" + p.name() + "' (class " + p.className() + ")");
            }
        }
        return missing.isEmpty() ? "" : "; the model was saved with the plugin " + String.join(", ", missing)
                + ", not found here: put the jar that holds it on the class path (nn: --plugins DIR or NN_PLUGINS)";
    }

    private static Provenance provenance(JsonNode node) {
        List<Provenance.Plugin> plugins = new ArrayList<>();
        for (JsonNode p : node.path("plugins")) {
            plugins.add(new Provenance.Plugin(p.path("kind").asText(), p.path("name").asText(), p.path("class").asText(),
                    p.path("version").asText()));
        }
        return new Provenance(node.path("hebbVersion").asText("unknown"), node.path("created").asText(""),
                node.path("seed").asLong(), text(node, "initialWeights"), plugins);
    }

    private static List<String> strings(Path file, JsonNode array, String path) throws InvalidFileException {
        if (array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new InvalidFileException(file, path + ": expected a list of names, got " + array);
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode name = it.next();
            if (!name.isTextual()) {
                throw new InvalidFileException(file, path + "[" + out.size() + "]: expected a name (a string), got " + name);
            }
            out.add(name.textValue());
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble(Double.NaN);
        }
        return out;
    }
}
