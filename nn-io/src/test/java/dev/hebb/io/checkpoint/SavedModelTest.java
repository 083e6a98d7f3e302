package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.data.Normalization;
import dev.hebb.layer.Sequential;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving API of a loaded model: features as stored in, the model's whole encoding applied, shapes
 * checked, classes and probabilities out. Predictions are compared bitwise with the model run by hand on the
 * encoded features (the same float operations in the same order); probabilities with a double softmax to 1e-7,
 * about one float32 ulp near 1 (the result is rounded to float32 once).
 */
class SavedModelTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    @TempDir
    Path dir;

    /** Pixel bytes of three samples of four features, as stored in an IDX file. */
    private static final Tensor BYTES = Tensor.of(new float[] {0, 255, 17, 128, 200, 3, 99, 64, 1, 2, 250, 77}, 3, 4);

    private static RunConfig config(String loss, int outputs) {
        return ConfigReader.parse("""
                {"model": {"inputs": 4, "layers": [{"type": "dense", "units": 5, "activation": "tanh"},
                 {"type": "dense", "units": %d}]}, "loss": "%s", "optimizer": "sgd", "training": {"seed": 3}}
                """.formatted(outputs, loss), Path.of("."), "run.json");
    }

    private static Tensor scaled(Tensor bytes) {
        Tensor x = bytes.copy();
        float[] v = x.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] / 255f;
        }
        return x;
    }

    /** Saves a freshly initialised model with {@code data} and loads it back. */
    private SavedModel saved(String loss, int outputs, DataInfo data) throws IOException {
        RunConfig config = config(loss, outputs);
        ModelDirectory.save(dir, config, config.buildModel(REGISTRY), data, REGISTRY);
        return ModelDirectory.load(dir, REGISTRY);
    }

    private static DataInfo pixels(Normalization normalization, List<String> classNames) {
        return new DataInfo(List.of(), List.of("label"), classNames, normalization, DataInfo.FeatureEncoding.PIXELS);
    }

    @Test
    void aPixelModelScalesTheStoredBytesAndNormalisesThemAsTrainingDid() throws IOException {
        Normalization norm = Normalization.fit("standard", scaled(BYTES));   // fitted on what training saw
        SavedModel saved = saved("cross_entropy", 3, pixels(norm, List.of()));
        Tensor encoded = scaled(BYTES);
        norm.apply(encoded);
        Sequential byHand = saved.model();
        assertArrayEquals(byHand.predict(encoded).copy().data(), saved.predict(BYTES).data(), 0f, "bitwise");
    }

    @Test
    void pixelsAlreadyScaledAreRefusedNamingTheFirstValue() throws IOException {
        SavedModel saved = saved("cross_entropy", 3, pixels(null, List.of()));
        Tensor x = scaled(BYTES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> saved.predict(x));
        // 0 and 1.0 (= 255/255) are whole, so the first value refused is sample 0's third, 17/255.
        assertEquals("sample 0 (counting from 0), feature 2: " + x.data()[2] + " is not a pixel byte; the model was trained"
                + " on pixels and takes them as stored, whole numbers from 0 to 255, which it divides by 255 itself (not"
                + " values already scaled to [0, 1])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> saved.predict(Tensor.of(new float[] {0, 0, 0, 256}, 1, 4)));
    }

    @Test
    void aValuesModelTakesTheFeaturesAsWritten() throws IOException {
        DataInfo values = new DataInfo(List.of("a", "b", "c", "d"), List.of("y"), List.of(), null,
                DataInfo.FeatureEncoding.VALUES);
        SavedModel saved = saved("mse", 1, values);
        assertArrayEquals(saved.model().predict(BYTES).copy().data(), saved.predict(BYTES).data(), 0f, "bitwise");
    }

    @Test
    void oneSampleWithoutTheBatchDimensionGivesOutputsWithoutIt() throws IOException {
        SavedModel saved = saved("cross_entropy", 3, pixels(null, List.of()));
        float[] batch = saved.predict(BYTES).data();
        Tensor one = saved.predict(Tensor.of(new float[] {200, 3, 99, 64}, 4));
        assertArrayEquals(new int[] {3}, one.shape());
        assertArrayEquals(java.util.Arrays.copyOfRange(batch, 3, 6), one.data(), 0f, "bitwise the batch's row 1");
        assertArrayEquals(new int[] {3}, saved.predictProbabilities(Tensor.of(new float[] {200, 3, 99, 64}, 4)).shape());
        assertEquals(1, saved.predictClasses(Tensor.of(new float[] {200, 3, 99, 64}, 4)).size());
    }

    @Test
    void anEmptyBatchGivesAnEmptyResultOfTheOutputShape() throws IOException {
        SavedModel saved = saved("cross_entropy", 3, pixels(Normalization.fit("standard", scaled(BYTES)), List.of()));
        assertArrayEquals(new int[] {0, 3}, saved.predict(Tensor.zeros(0, 4)).shape());
        assertArrayEquals(new int[] {0, 3}, saved.predictProbabilities(Tensor.zeros(0, 4)).shape());
        assertEquals(List.of(), saved.predictClasses(Tensor.zeros(0, 4)));
    }

    @Test
    void aShapeThatFitsNeitherASampleNorABatchIsRefusedWithBoth() throws IOException {
        SavedModel saved = saved("cross_entropy", 3, pixels(null, List.of()));
        for (int[] shape : new int[][] {{1, 3}, {1, 2, 2}, {3}, {}}) {
            assertEquals("features of shape " + java.util.Arrays.toString(shape) + " fit neither the model's input [4]"
                    + " (one sample) nor a batch [n, 4]", assertThrows(IllegalArgumentException.class,
                    () -> saved.predict(Tensor.zeros(shape))).getMessage());
        }
    }

    @Test
    void probabilitiesAreTheSoftmaxOfCrossEntropyLogitsAndTheExpOfNllOutputs() throws IOException {
        for (String loss : new String[] {"cross_entropy", "nll"}) {
            SavedModel saved = saved(loss, 3, pixels(null, List.of()));
            assertTrue(saved.givesProbabilities(), loss);
            float[] out = saved.predict(BYTES).data();
            float[] p = saved.predictProbabilities(BYTES).data();
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    sum += Math.exp(out[r * 3 + c]);
                }
                for (int c = 0; c < 3; c++) {
                    double expected = loss.equals("nll") ? Math.exp(out[r * 3 + c]) : Math.exp(out[r * 3 + c]) / sum;
                    assertEquals(expected, p[r * 3 + c], 1e-7, loss + " row " + r + " class " + c);
                }
            }
        }
    }

    @Test
    void classesAreTheSavedNamesOfTheArgMaxOrTheIds() throws IOException {
        SavedModel named = saved("cross_entropy", 3, pixels(null, List.of("cat", "dog", "emu")));
        assertEquals(List.of("cat", "dog", "emu"), named.classNames());
        float[] out = named.predict(BYTES).data();
        List<String> expected = new java.util.ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = out[r * 3 + c] > out[r * 3 + best] ? c : best;
            }
            expected.add(List.of("cat", "dog", "emu").get(best));
        }
        assertEquals(expected, named.predictClasses(BYTES));
        assertEquals(List.of("0", "1", "2"), saved("hinge", 3, pixels(null, List.of())).classNames());
    }

    @Test
    void nanOutputsPredictNoClassAndGiveNaNProbabilities() throws IOException {
        SavedModel saved = saved("cross_entropy", 3, pixels(null, List.of()));
        Tensor outputs = Tensor.of(new float[] {1, 2, 3, Float.NaN, 0, 0}, 2, 3);
        assertEquals("the outputs of sample 1 (counting from 0) hold NaN, so it predicts no class; the model's weights or"
                + " this sample's features are not usable", assertThrows(IllegalStateException.class,
                () -> saved.classesOf(outputs)).getMessage());
        float[] p = saved.probabilitiesOf(outputs).data();
        for (int c = 3; c < 6; c++) {
            assertEquals(Float.NaN, p[c], 0f, "NaN, not a probability made from it");
        }
    }

    @Test
    void modelsWithoutClassesOrProbabilitiesSaySo() throws IOException {
        SavedModel regression = saved("mse", 1, pixels(null, List.of()));
        assertEquals("the model predicts no classes: its loss mse does not take class labels; predict gives its outputs",
                assertThrows(IllegalStateException.class, () -> regression.predictClasses(BYTES)).getMessage());
        SavedModel hinge = saved("hinge", 3, pixels(null, List.of()));
        assertEquals("the outputs of a model trained with the loss hinge are not known to be probabilities (cross_entropy's"
                + " logits and nll's log-probabilities are); predict gives them raw",
                assertThrows(IllegalStateException.class, () -> hinge.predictProbabilities(BYTES)).getMessage());
        assertEquals(3, hinge.predictClasses(BYTES).size());
        assertFalse(hinge.givesProbabilities());
        assertFalse(regression.givesProbabilities());
    }
}
