package dev.hebb.io.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.Hyperparameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ConfigReaderTest {

    /** The example of issue 5, verbatim (a test resource, so other tests run the very same text). */
    public static final String EXAMPLE = example();

    /** The example config as text. */
    public static String example() {
        try (var in = ConfigReaderTest.class.getResourceAsStream("/issue5-example.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    private String failure(String json) {
        return assertThrows(ConfigException.class, () -> ConfigReader.parse(json, dir, "run.json")).getMessage();
    }

    @Test
    void exampleParsesIntoExpandedLayersPluginsTrainingAndData() throws IOException {
        Path file = Files.writeString(dir.resolve("run.json"), EXAMPLE);
        RunConfig c = ConfigReader.read(file);

        assertArrayEquals(new int[] {4}, c.model().inputShape());
        assertEquals(List.of(
                new LayerSpec("dense", Hyperparameters.of("units", 16), "model.layers[0]"),
                new LayerSpec("activation", Hyperparameters.of("name", "relu"), "model.layers[0].activation"),
                new LayerSpec("dense", Hyperparameters.of("units", 8), "model.layers[1]"),
                new LayerSpec("activation", Hyperparameters.of("name", "leaky_relu", "negativeSlope", 0.1), "model.layers[2]"),
                new LayerSpec("dense", Hyperparameters.of("units", 3), "model.layers[3]")), c.model().layers());
        assertEquals(new PluginSpec("cross_entropy", Hyperparameters.of("labelSmoothing", 0.05), "loss"), c.loss());
        assertEquals(new PluginSpec("adam", Hyperparameters.of("lr", 0.01, "betas", List.of(0.9, 0.999)), "optimizer"), c.optimizer());
        assertEquals(new PluginSpec("step", Hyperparameters.of("stepSize", 10, "gamma", 0.5), "scheduler"), c.scheduler());
        assertEquals(new TrainingSpec(50, 16, true, 7, 1.0, 0.2), c.training());
        assertEquals(dir.toAbsolutePath().resolve("iris.csv"), c.data().train().features(), "relative to the config's folder");
        assertNull(c.data().train().targets());
        assertEquals(List.of("species"), c.data().targets());
        assertNull(c.data().normalize());
        assertEquals(file.toString(), c.source());
    }

    @Test
    void writtenConfigReadsBackToTheSameConfig() {
        RunConfig c = ConfigReader.parse(EXAMPLE, dir, "run.json");
        String json = ConfigWriter.toJson(c);
        RunConfig again = ConfigReader.parse(json, Path.of("/elsewhere"), "model.json");
        assertEquals(json, ConfigWriter.toJson(again), "absolute data paths and the expanded layers survive");
        assertEquals(c.model().layers().stream().map(LayerSpec::hyperparameters).toList(),
                again.model().layers().stream().map(LayerSpec::hyperparameters).toList());
        assertEquals(c.training(), again.training());
        assertEquals(c.data().train(), again.data().train());
    }

    @Test
    void trainingAndSchedulerAreOptionalAndPluginsMayBeJustANames() {
        RunConfig c = ConfigReader.parse("""
                {"model": {"inputs": [1, 28, 28], "layers": [{"type": "dense", "units": 2, "activation": {"name": "elu", "alpha": 0.5}}]},
                 "loss": "mse", "optimizer": "sgd",
                 "data": {"train": {"features": "x.npy", "targets": "y.npy"}, "normalize": "minmax"}}
                """, dir, "run.json");
        assertEquals(TrainingSpec.DEFAULTS, c.training());
        assertNull(c.scheduler());
        assertEquals(new PluginSpec("mse", Hyperparameters.empty(), "loss"), c.loss());
        assertArrayEquals(new int[] {1, 28, 28}, c.model().inputShape());
        assertEquals(new LayerSpec("activation", Hyperparameters.of("name", "elu", "alpha", 0.5), "model.layers[0].activation"),
                c.model().layers().get(1));
        assertEquals(dir.resolve("y.npy").toAbsolutePath(), c.data().train().targets().toAbsolutePath());
        assertEquals("minmax", c.data().normalize());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String m = failure("{\"model\": {\"inputs\": 4,,}}");
        assertEquals("run.json: line 1, column 24: not valid JSON: Unexpected character (',' (code 44)): was expecting double-quote"
                + " to start field name", m);
    }

    @Test
    void jacksonsSourceMarkerAndFeatureHintsStayOutOfTheMessage() {
        assertEquals("run.json: line 2, column 1: not valid JSON: Unexpected end-of-input: expected close marker for"
                + " Array (opened at line 1, column 35)", failure("{\"model\": {\"inputs\": 4, \"layers\": [\n"));
        assertEquals("run.json: line 1, column 25: not valid JSON: NaN (JSON numbers are finite)",
                failure("{\"model\": {\"inputs\": NaN}}"));
    }

    @Test
    void missingSectionIsNamed() {
        assertEquals("run.json: 'model' is missing; expected an object with inputs and layers", failure("{}"));
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        assertEquals("run.json: optimiser: unknown setting 'optimiser'; known: model, loss, optimizer, scheduler, training, data",
                failure("{\"optimiser\": {}}"));
    }

    @Test
    void unknownTrainingSettingNamesPathAndKnownKeys() {
        assertEquals("run.json: training.epoch: unknown setting 'epoch' in training; known: epochs, batchSize, shuffle, seed,"
                + " clipGradNorm, clipGradValue, validationSplit, earlyStopping", failure(minimal("\"training\": {\"epoch\": 3}")));
    }

    @Test
    void clipGradValueIsReadWrittenBackAndValidatedAtItsPath() {
        RunConfig c = ConfigReader.parse(minimal("\"training\": {\"clipGradValue\": 0.5}"), dir, "run.json");
        assertEquals(0.5, c.training().clipGradValue());
        assertEquals(c.training(), ConfigReader.parse(ConfigWriter.toJson(c), dir, "model.json").training());
        assertEquals("run.json: training.clipGradValue: expected a finite number >= 0 (0 = no clipping), got -1",
                failure(minimal("\"training\": {\"clipGradValue\": -1}")));
    }

    @Test
    void earlyStoppingIsReadWrittenBackAndValidatedAtItsPath() {
        RunConfig c = ConfigReader.parse(minimal("\"training\": {\"earlyStopping\": {\"patience\": 4, \"minDelta\": 0.01}}"),
                dir, "run.json");
        assertEquals(new EarlyStoppingSpec(4, 0.01), c.training().earlyStopping());
        assertEquals(c.training(), ConfigReader.parse(ConfigWriter.toJson(c), dir, "model.json").training());
        assertNull(ConfigReader.parse(minimal("\"training\": {}"), dir, "run.json").training().earlyStopping(), "off by default");
        assertEquals("run.json: training.earlyStopping: 'patience' is missing; expected the number of epochs without"
                + " improvement before stopping", failure(minimal("\"training\": {\"earlyStopping\": {}}")));
        assertEquals("run.json: training.earlyStopping.minDelta: expected a finite number >= 0, got -1",
                failure(minimal("\"training\": {\"earlyStopping\": {\"patience\": 2, \"minDelta\": -1}}")));
    }

    @Test
    void earlyStoppingRestoreBestIsOffByDefaultReadWrittenBackAndValidatedAtItsPath() {
        RunConfig off = ConfigReader.parse(minimal("\"training\": {\"earlyStopping\": {\"patience\": 4}}"), dir, "run.json");
        assertFalse(off.training().earlyStopping().restoreBest(), "off by default");
        assertFalse(ConfigWriter.toJson(off).contains("restoreBest"), "not written when off, as before it existed");
        RunConfig on = ConfigReader.parse(minimal("\"training\": {\"earlyStopping\": {\"patience\": 4, \"restoreBest\": true}}"),
                dir, "run.json");
        assertEquals(new EarlyStoppingSpec(4, 0, true), on.training().earlyStopping());
        assertEquals(on.training(), ConfigReader.parse(ConfigWriter.toJson(on), dir, "model.json").training());
        assertEquals("run.json: training.earlyStopping.restoreBest: expected true or false, got \"yes\"",
                failure(minimal("\"training\": {\"earlyStopping\": {\"patience\": 2, \"restoreBest\": \"yes\"}}")));
        assertEquals("run.json: training.earlyStopping.restore: unknown setting 'restore' in training.earlyStopping; known:"
                + " patience, minDelta, restoreBest",
                failure(minimal("\"training\": {\"earlyStopping\": {\"patience\": 2, \"restore\": true}}")));
    }

    @Test
    void badTrainingValuesNamePathAndExpectation() {
        assertEquals("run.json: training.batchSize: expected a positive whole number, got 0",
                failure(minimal("\"training\": {\"batchSize\": 0}")));
        assertEquals("run.json: training.validationSplit: expected a fraction in [0, 1), got 1.5",
                failure(minimal("\"training\": {\"validationSplit\": 1.5}")));
        assertEquals("run.json: training.shuffle: expected true or false, got \"yes\"",
                failure(minimal("\"training\": {\"shuffle\": \"yes\"}")));
        assertEquals("run.json: training.clipGradNorm: expected a finite number >= 0 (0 = no clipping), got -1",
                failure(minimal("\"training\": {\"clipGradNorm\": -1}")));
    }

    @Test
    void badModelShapesNamePath() {
        assertEquals("run.json: model.inputs: expected a positive whole number, got 0",
                failure("{\"model\": {\"inputs\": 0, \"layers\": []}}"));
        assertEquals("run.json: model.inputs[1]: expected a positive whole number, got 2.5",
                failure("{\"model\": {\"inputs\": [1, 2.5], \"layers\": []}}"));
        assertEquals("run.json: model.layers: expected at least one layer", failure("{\"model\": {\"inputs\": 2, \"layers\": []}}"));
        assertEquals("run.json: model.layers[0]: 'type' is missing; expected the layer type, e.g. \"dense\"",
                failure("{\"model\": {\"inputs\": 2, \"layers\": [{\"units\": 3}]}}"));
        assertEquals("run.json: model.layers[0].activation: expected an activation name such as \"relu\" or an object with its name, got 3",
                failure("{\"model\": {\"inputs\": 2, \"layers\": [{\"type\": \"dense\", \"activation\": 3}]}}"));
    }

    @Test
    void hyperparameterListsMustHoldNumbers() {
        assertEquals("run.json: optimizer.betas[1]: expected a number (hyperparameter lists hold numbers), got \"x\"",
                failure("{\"model\": {\"inputs\": 2, \"layers\": [{\"type\": \"dense\", \"units\": 1}]}, \"loss\": \"mse\","
                        + " \"optimizer\": {\"name\": \"adam\", \"betas\": [0.9, \"x\"]}}"));
    }

    @Test
    void csvDataNeedsTargetColumns() {
        assertEquals("run.json: data.targets: is missing; expected the list of target columns of iris.csv, e.g. [\"species\"]",
                failure(minimal("\"data\": {\"train\": \"iris.csv\"}")));
    }

    @Test
    void nonCsvDataNeedsTargetsFile() {
        assertEquals("run.json: data.train: x.npy is not a CSV file, so its targets are in another file; expected"
                + " {\"features\": \"...\", \"targets\": \"...\"}", failure(minimal("\"data\": {\"train\": \"x.npy\"}")));
    }

    @Test
    void unknownNormalizationIsNamed() {
        assertEquals("run.json: data.normalize: expected one of standard, minmax, none, got \"zscore\"",
                failure(minimal("\"data\": {\"train\": \"a.csv\", \"targets\": \"y\", \"normalize\": \"zscore\"}")));
    }

    /**
     * A config is read as bytes: a UTF-8 byte-order mark (Notepad writes one) is skipped, as in model.json and
     * CSV files, and a byte that is not UTF-8 is named by line and column (it was "I/O error: Input length = 1").
     */
    @Test
    void aByteOrderMarkIsSkippedAndTextThatIsNotUtf8IsNamed() throws IOException {
        String json = minimal("\"training\": {\"epochs\": 3}");
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        Path bom = Files.write(dir.resolve("bom.json"), withMark);
        assertEquals(3, ConfigReader.read(bom).training().epochs());

        Path latin1 = Files.write(dir.resolve("latin1.json"), minimal("\"x\": \"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1));
        String message = assertThrows(ConfigException.class, () -> ConfigReader.read(latin1)).getMessage();
        assertTrue(message.matches(Pattern.quote(latin1.toString())
                + ": line 1, column \\d+: not valid JSON: Invalid UTF-8 .* \\(save the file as UTF-8\\)"), message);
    }

    @Test
    void aFolderGivenAsTheDataIsCalledAFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        assertEquals("run.json: data.train: " + folder + " is a folder; expected a data file (CSV, or {\"features\": ...,"
                + " \"targets\": ...})", failure(minimal("\"data\": {\"train\": \"images\", \"targets\": \"y\"}")));
    }

    /** Jackson's class names and settings stay out of the messages (each reached a user before). */
    @Test
    void jsonErrorsAreToldWithoutTheParsersInternals() {
        assertEquals("run.json: line 1, column 15: not valid JSON: more data after the end of the JSON value",
                failure("{\"model\": {}} {}"));
        assertEquals("run.json: line 1, column 14: not valid JSON: Unexpected character ('/' (code 47)): maybe a"
                + " (non-standard) comment? (JSON has no comments)", failure("{\"model\": {} // hi\n}"));
        assertEquals("run.json: line 1, column 12: not valid JSON: Unexpected close marker '}': expected ']' (for the"
                + " array opened at line 1, column 7)", failure("{\"a\": [1, 2}"));
        assertEquals("run.json: line 1, column 14: not valid JSON: Unexpected close marker ']': expected '}' (for the"
                + " object opened at line 1, column 7)", failure("{\"a\": {\"b\": 1]}"));
        String deep = failure("[".repeat(1001) + "]".repeat(1001));
        assertTrue(deep.endsWith("Document nesting depth (1001) exceeds the maximum allowed (1000)"), deep);
    }

    private static String minimal(String extra) {
        return "{\"model\": {\"inputs\": 2, \"layers\": [{\"type\": \"dense\", \"units\": 1}]}, \"loss\": \"mse\", \"optimizer\": \"sgd\", "
                + extra + "}";
    }
}
