package dev.hebb.io.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.plugin.Hyperparameters;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a run config back as JSON in the form {@link ConfigReader} reads: the layer list expanded,
 * every training setting explicit, data paths absolute (so the config records exactly what was run).
 */
public final class ConfigWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigWriter() {
    }

    /** The config as a JSON tree. */
    public static ObjectNode toTree(RunConfig config) {
        ObjectNode root = NODES.objectNode();
        ObjectNode model = root.putObject("model");
        int[] shape = config.model().inputShape();
        if (shape.length == 1) {
            model.put("inputs", shape[0]);
        } else {
            ArrayNode inputs = model.putArray("inputs");
            for (int d : shape) {
                inputs.add(d);
            }
        }
        ArrayNode layers = model.putArray("layers");
        for (LayerSpec layer : config.model().layers()) {
            ObjectNode node = layers.addObject().put("type", layer.type());
            putAll(node, layer.hyperparameters());
        }
        root.set("loss", plugin(config.loss()));
        root.set("optimizer", plugin(config.optimizer()));
        if (config.scheduler() != null) {
            root.set("scheduler", plugin(config.scheduler()));
        }
        TrainingSpec t = config.training();
        ObjectNode training = root.putObject("training").put("epochs", t.epochs()).put("batchSize", t.batchSize())
                .put("shuffle", t.shuffle()).put("seed", t.seed()).put("clipGradNorm", t.clipGradNorm())
                .put("clipGradValue", t.clipGradValue())
                .put("validationSplit", t.validationSplit());
        if (t.earlyStopping() != null) {
            ObjectNode es = training.putObject("earlyStopping").put("patience", t.earlyStopping().patience())
                    .put("minDelta", t.earlyStopping().minDelta());
            if (t.earlyStopping().restoreBest()) {
                // Only when on, so the model.json of a run without it stays as older Hebb versions wrote it.
                es.put("restoreBest", true);
            }
        }
        if (config.data() != null) {
            DataSpec d = config.data();
            ObjectNode data = root.putObject("data");
            data.set("train", source(d.train()));
            if (d.test() != null) {
                data.set("test", source(d.test()));
            }
            if (!d.targets().isEmpty()) {
                ArrayNode targets = data.putArray("targets");
                d.targets().forEach(targets::add);
            }
            if (d.normalize() != null) {
                data.put("normalize", d.normalize());
            }
            if (d.testSplit() > 0) {
                data.put("testSplit", d.testSplit());
            }
        }
        return root;
    }

    /** The config as pretty-printed JSON text. */
    public static String toJson(RunConfig config) {
        try {
            return ConfigReader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode plugin(PluginSpec spec) {
        ObjectNode node = NODES.objectNode().put("name", spec.name());
        putAll(node, spec.hyperparameters());
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode source(DataSpec.Source s) {
        String features = absolute(s.features());
        if (s.targets() == null) {
            return NODES.textNode(features);
        }
        return NODES.objectNode().put("features", features).put("targets", absolute(s.targets()));
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** Writes hyperparameters as JSON members, keeping integers integers and lists lists. */
    static void putAll(ObjectNode node, Hyperparameters hyperparameters) {
        for (Map.Entry<String, Object> e : hyperparameters.asMap().entrySet()) {
            node.set(e.getKey(), value(e.getValue()));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (v instanceof Hyperparameters h) {
            ObjectNode nested = NODES.objectNode();
            putAll(nested, h);
            return nested;
        }
        throw new IllegalArgumentException("hyperparameter value of type " + v.getClass().getSimpleName() + " cannot be written: " + v);
    }
}
