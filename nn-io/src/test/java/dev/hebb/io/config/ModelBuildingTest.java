package dev.hebb.io.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.layer.Sequential;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building models from configs through the registry, with errors placed at the JSON path. */
class ModelBuildingTest {

    static final PluginRegistry REGISTRY = Plugins.registry();

    private static RunConfig config(String layers, long seed) {
        return ConfigReader.parse("{\"model\": {\"inputs\": 4, \"layers\": [" + layers + "]}, \"loss\": \"mse\", \"optimizer\": \"sgd\","
                + " \"training\": {\"seed\": " + seed + "}}", Path.of("."), "run.json");
    }

    private static String failure(String layers) {
        return assertThrows(ConfigException.class, () -> config(layers, 0).buildModel(REGISTRY)).getMessage();
    }

    @Test
    void denseLayersGetPyTorchStateDictNamesAndShapes() {
        Sequential model = config("{\"type\": \"dense\", \"units\": 16}, {\"type\": \"dense\", \"units\": 3, \"bias\": false}", 7)
                .buildModel(REGISTRY);
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(model.namedParameters().keySet()));
        assertArrayEquals(new int[] {16, 4}, model.namedParameters().get("0.weight").value().shape());
        assertArrayEquals(new int[] {3, 16}, model.namedParameters().get("1.weight").value().shape());
        assertArrayEquals(new int[] {3}, model.outputShape());
    }

    @Test
    void sameSeedGivesSameWeightsAndAnotherSeedOthers() {
        String layers = "{\"type\": \"dense\", \"units\": 5}";
        float[] a = config(layers, 7).buildModel(REGISTRY).parameters().get(0).value().data();
        float[] b = config(layers, 7).buildModel(REGISTRY).parameters().get(0).value().data();
        float[] c = config(layers, 8).buildModel(REGISTRY).parameters().get(0).value().data();
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void wrongValueTypeIsPlacedAtTheKey() {
        assertEquals("run.json: model.layers[1].units: dense: hyperparameter 'units' must be a whole number, but is '16'",
                failure("{\"type\": \"dense\", \"units\": 3}, {\"type\": \"dense\", \"units\": \"16\"}"));
    }

    @Test
    void aValueThePluginRejectsByItselfIsPlacedAtItsKey() {
        assertEquals("run.json: model.layers[0].init: unknown initializer 'glorot'; known: pytorch, he, xavier",
                failure("{\"type\": \"dense\", \"units\": 3, \"init\": \"glorot\"}"));
    }

    @Test
    void unknownHyperparameterNamesKeyAndPlugin() {
        assertEquals("run.json: model.layers[0].unit: dense has no hyperparameter 'unit'; did you mean 'units'? known: units, bias, init",
                failure("{\"type\": \"dense\", \"unit\": 3}"));
    }

    @Test
    void missingRequiredHyperparameterIsPlacedAtTheLayer() {
        assertEquals("run.json: model.layers[0]: dense needs hyperparameter 'units' (the number of outputs)",
                failure("{\"type\": \"dense\"}"));
    }

    @Test
    void unknownLayerTypeIsPlacedAtType() {
        String m = failure("{\"type\": \"dens\", \"units\": 3}");
        assertEquals("run.json: model.layers[0].type: unknown layer 'dens'; did you mean 'dense'? known: ",
                m.substring(0, m.indexOf("known: ") + 7));
    }

    @Test
    void incompatibleInputShapeIsPlacedAtTheLayer() {
        RunConfig c = ConfigReader.parse("{\"model\": {\"inputs\": [2, 2], \"layers\": [{\"type\": \"dense\", \"units\": 3}]},"
                + " \"loss\": \"mse\", \"optimizer\": \"sgd\"}", Path.of("."), "run.json");
        assertEquals("run.json: model.layers[0]: dense layer needs flat inputs [features], but its input has shape [2, 2]",
                assertThrows(ConfigException.class, () -> c.buildModel(REGISTRY)).getMessage());
    }

    @Test
    void activationHyperparameterUnknownToTheActivationIsPlacedAtTheKey() {
        assertEquals("run.json: model.layers[1].slope: relu has no hyperparameter 'slope'; it takes none",
                failure("{\"type\": \"dense\", \"units\": 3}, {\"type\": \"activation\", \"name\": \"relu\", \"slope\": 0.1}"));
    }

    @Test
    void unknownActivationInShorthandIsPlacedAtTheShorthand() {
        String m = failure("{\"type\": \"dense\", \"units\": 3, \"activation\": \"rleu\"}");
        assertEquals("run.json: model.layers[0].activation: unknown activation 'rleu'; did you mean 'relu'? known: ",
                m.substring(0, m.indexOf("known: ") + 7));
    }

    @Test
    void unknownActivationInActivationLayerIsPlacedAtName() {
        String m = failure("{\"type\": \"activation\", \"name\": \"rleu\"}");
        assertEquals("run.json: model.layers[0].name: unknown activation 'rleu'; did you mean 'relu'? known: ",
                m.substring(0, m.indexOf("known: ") + 7));
    }

    @Test
    void shorthandActivationBecomesItsOwnLayerAfterTheDenseLayer() {
        Sequential model = config("{\"type\": \"dense\", \"units\": 3, \"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 2}", 1)
                .buildModel(REGISTRY);
        assertEquals(List.of("dense", "activation", "dense"), model.layers().stream().map(l -> l.type()).toList());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()),
                "the activation keeps index 1, as in torch.nn.Sequential(Linear, ReLU, Linear)");
    }

    @Test
    void lossAndOptimizerErrorsArePlacedAtTheirObjects() {
        RunConfig c = ConfigReader.parse("{\"model\": {\"inputs\": 4, \"layers\": [{\"type\": \"dense\", \"units\": 1}]},"
                + " \"loss\": {\"name\": \"mse\", \"reductoin\": \"sum\"}, \"optimizer\": {\"name\": \"adamm\"}}", Path.of("."), "run.json");
        assertEquals("run.json: loss.reductoin: mse has no hyperparameter 'reductoin'; did you mean 'reduction'? known: reduction",
                assertThrows(ConfigException.class, () -> c.buildLoss(REGISTRY)).getMessage());
        String m = assertThrows(ConfigException.class, () -> c.buildOptimizer(REGISTRY, List.of())).getMessage();
        assertEquals("run.json: optimizer.name: unknown optimizer 'adamm'; did you mean 'adam'? known: ",
                m.substring(0, m.indexOf("known: ") + 7));
    }

    @Test
    void aPluginsRangeErrorIsPlacedAtTheKeyAndElementItNames() {
        RunConfig c = ConfigReader.parse("{\"model\": {\"inputs\": 4, \"layers\": [{\"type\": \"dense\", \"units\": 1}]},"
                + " \"loss\": {\"name\": \"huber\", \"delta\": -1}, \"optimizer\": {\"name\": \"adam\", \"lr\": 0.1,"
                + " \"betas\": [0.9, 1.5]}}", Path.of("."), "run.json");
        assertEquals("run.json: optimizer.betas[1]: adam: betas[1] must be in [0.0, 1.0), got 1.5",
                assertThrows(ConfigException.class, () -> c.buildOptimizer(REGISTRY, List.of())).getMessage());
        assertEquals("run.json: loss.delta: huber: delta must be a positive number, got -1.0",
                assertThrows(ConfigException.class, () -> c.buildLoss(REGISTRY)).getMessage());
        RunConfig negative = ConfigReader.parse("{\"model\": {\"inputs\": 4, \"layers\": [{\"type\": \"dense\", \"units\": 1}]},"
                + " \"loss\": \"mse\", \"optimizer\": {\"name\": \"sgd\", \"lr\": -1}}", Path.of("."), "run.json");
        assertEquals("run.json: optimizer.lr: sgd: lr (the learning rate) must be a finite number >= 0, got -1.0",
                assertThrows(ConfigException.class, () -> negative.buildOptimizer(REGISTRY, List.of())).getMessage());
    }

    @Test
    void preluActivationLayerNamesItsParameterLikeTorch() {
        Sequential model = config("{\"type\": \"dense\", \"units\": 3}, {\"type\": \"activation\", \"name\": \"prelu\"}", 1)
                .buildModel(REGISTRY);
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(model.namedParameters().keySet()),
                "torch.nn.Sequential(Linear(4, 3), PReLU()).state_dict() keys");
        assertArrayEquals(new int[] {1}, model.namedParameters().get("1.weight").value().shape());
    }

    @Test
    void issueExampleOfUnknownKeyIsNamedWithPluginAndKnownKeys() {
        assertEquals("run.json: model.layers[1].slope: leaky_relu has no hyperparameter 'slope'; known: negativeSlope",
                failure("{\"type\": \"dense\", \"units\": 3}, {\"type\": \"activation\", \"name\": \"leaky_relu\", \"slope\": 0.1}"));
    }
}
