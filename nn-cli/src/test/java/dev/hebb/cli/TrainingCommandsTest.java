package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train, eval, predict and inspect end to end, in-process, on generated data: three well separated
 * clusters of 2-D points labelled by name, and a linear regression.
 */
class TrainingCommandsTest {

    @TempDir
    static Path data;

    @TempDir
    Path temp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void generateData() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder points = new StringBuilder("x,y,colour\n");
        String[] names = {"red", "green", "blue"};
        double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
        for (int i = 0; i < 120; i++) {
            int c = i % 3;
            points.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", centres[c][0] + random.nextGaussian() * 0.5,
                    centres[c][1] + random.nextGaussian() * 0.5, names[c]));
        }
        Files.writeString(data.resolve("points.csv"), points);
        StringBuilder line = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 64; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            line.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", a, b, 2 * a - b + 0.5));
        }
        Files.writeString(data.resolve("line.csv"), line);
        Files.writeString(data.resolve("points.json"), """
                {
                  "model": {"inputs": 2, "layers": [
                    {"type": "dense", "units": 16, "activation": "relu"},
                    {"type": "dense", "units": 3}
                  ]},
                  "loss": {"name": "cross_entropy"},
                  "optimizer": {"name": "adam", "lr": 0.05},
                  "training": {"epochs": 6, "batchSize": 16, "seed": 3, "validationSplit": 0.25},
                  "data": {"train": "points.csv", "targets": ["colour"]}
                }
                """);
        Files.writeString(data.resolve("line.json"), """
                {
                  "model": {"inputs": 2, "layers": [{"type": "dense", "units": 1}]},
                  "loss": {"name": "mse"},
                  "optimizer": {"name": "sgd", "lr": 0.2},
                  "training": {"epochs": 30, "batchSize": 8, "seed": 1},
                  "data": {"train": "line.csv", "targets": ["y"]}
                }
                """);
    }

    private Path train(String... extra) {
        Path out = temp.resolve("run");
        String[] args = new String[extra.length + 4];
        args[0] = "train";
        args[1] = data.resolve("points.json").toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        Nn.Run run = Nn.run(args);
        assertEquals(0, run.code(), run.toString());
        return out;
    }

    @Test
    void trainWritesTheModelDirectoryMetricsAndPlotWithOneLinePerEpoch() throws IOException {
        Path out = temp.resolve("run");
        Nn.Run run = Nn.run("train", data.resolve("points.json").toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(7, lines.size(), run.out());
        assertTrue(lines.get(0).matches("epoch 1/6: loss \\d\\.\\d{4}, accuracy \\d+\\.\\d%, val loss \\d\\.\\d{4},"
                + " val accuracy \\d+\\.\\d%, lr 0\\.05000, \\d+\\.\\d s"), lines.get(0));
        assertEquals("model saved in " + out, lines.get(6));
        for (String f : new String[] {"model.json", "weights.safetensors", "optimizer.safetensors"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(MetricsLog.HEADER, metrics.get(0));
        assertEquals(7, metrics.size());
        String[] last = metrics.get(6).split(",", -1);
        assertEquals("6", last[0]);
        assertEquals(0.05, Double.parseDouble(last[5]));
        for (int c = 1; c <= 4; c++) {
            double v = Double.parseDouble(last[c]);
            assertTrue(v >= 0 && Double.isFinite(v), metrics.get(6));
        }
        byte[] png = Files.readAllBytes(out.resolve("loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    @Test
    void quietTrainingPrintsOnlyWhereTheModelIs() {
        Path out = temp.resolve("quiet");
        Nn.Run run = Nn.run("train", data.resolve("points.json").toString(), "--out", out.toString(), "--quiet",
                "--epochs", "2");
        assertEquals(0, run.code(), run.toString());
        assertEquals("model saved in " + out + "\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void evalReportsAccuracyPerClassMetricsAndTheConfusionMatrix() throws IOException {
        Path model = train("--quiet");
        Nn.Run text = Nn.run("eval", model.toString(), "--data", data.resolve("points.csv").toString());
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().matches("(?s)loss (\\d\\.\\d{4}|\\d\\.\\d{3}e-\\d\\d), accuracy \\d+\\.\\d\\d% on 120 samples\n\n"
                + "class +precision +recall +f1 +support\nblue .*\ngreen .*\nred .*\nmacro avg .*"
                + "confusion matrix \\(rows: true class, columns: predicted class\\)\n +blue +green +red\nblue .*"), text.out());

        Nn.Run json = Nn.run("eval", model.toString(), "--data", data.resolve("points.csv").toString(), "--json");
        assertEquals(0, json.code(), json.toString());
        JsonNode r = JSON.readTree(json.out());
        assertEquals(120, r.get("samples").asInt());
        assertEquals(List.of("blue", "green", "red"), r.get("classes").findValuesAsText("class"));
        long diagonal = 0;
        long total = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                long v = r.get("confusionMatrix").get(i).get(j).asLong();
                total += v;
                diagonal += i == j ? v : 0;
            }
        }
        assertEquals(120, total);
        assertEquals((double) diagonal / total, r.get("accuracy").asDouble(), 1e-12);
        // Three clusters 6 standard deviations apart: six epochs of Adam separate them.
        assertTrue(r.get("accuracy").asDouble() > 0.9, json.out());
    }

    @Test
    void evalNamesTheFileAndSampleOfAClassIdTheModelCannotPredict() throws IOException {
        // The points with numbered classes 0-2 instead of colour names; then a 7 among the evaluated labels.
        String csv = Files.readString(data.resolve("points.csv")).replace(",blue", ",0").replace(",green", ",1")
                .replace(",red", ",2");
        Path numbered = Files.writeString(temp.resolve("numbered.csv"), csv);
        Path config = Files.writeString(temp.resolve("numbered.json"), Files.readString(data.resolve("points.json"))
                .replace("points.csv", numbered.toString()));
        Path model = temp.resolve("numbered-run");
        assertEquals(0, Nn.run("train", config.toString(), "--out", model.toString(), "-q", "--epochs", "1").code());
        List<String> lines = new java.util.ArrayList<>(csv.lines().toList());
        lines.set(4, lines.get(4).replaceAll(",\\d$", ",7"));
        Path bad = Files.write(temp.resolve("bad-label.csv"), lines);

        Nn.Run run = Nn.run("eval", model.toString(), "--data", bad.toString());
        assertEquals(1, run.code(), run.toString());
        assertEquals("nn: " + bad + ": sample 3 (counting from 0): class id 7 is out of range for the model's 3 classes"
                + " (0 to 2)\n", run.err());
    }

    @Test
    void evalOfARegressionReportsMseMaeAndR2() throws IOException {
        Path out = temp.resolve("line");
        assertEquals(0, Nn.run("train", data.resolve("line.json").toString(), "--out", out.toString(), "-q").code());
        Nn.Run json = Nn.run("eval", out.toString(), "--data", data.resolve("line.csv").toString(), "--json");
        assertEquals(0, json.code(), json.toString());
        JsonNode r = JSON.readTree(json.out());
        assertEquals(r.get("loss").asDouble(), r.get("mse").asDouble(), 1e-9, "mse loss is the MSE");
        // y = 2a − b + 0.5 is linear: 30 epochs of SGD fit it almost exactly.
        assertTrue(r.get("r2").asDouble() > 0.99, json.out());
        assertEquals("y", r.get("outputs").get(0).get("target").asText());
    }

    @Test
    void predictWritesTheClassNameAndProbabilities() throws IOException {
        Path model = train("--quiet");
        Path predictions = temp.resolve("predictions.csv");
        Nn.Run run = Nn.run("predict", model.toString(), "--input", data.resolve("points.csv").toString(),
                "--output", predictions.toString());
        assertEquals(0, run.code(), run.toString());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("predicted,p_blue,p_green,p_red", lines.get(0));
        assertEquals(121, lines.size());
        List<String> truth = Files.readAllLines(data.resolve("points.csv"));
        int right = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            double sum = Double.parseDouble(cells[1]) + Double.parseDouble(cells[2]) + Double.parseDouble(cells[3]);
            assertEquals(1.0, sum, 1e-6, "probabilities of a row sum to 1 (each rounded to float32)");
            right += truth.get(i).endsWith("," + cells[0]) ? 1 : 0;
        }
        assertTrue(right > 108, right + " of 120 right");
    }

    /**
     * With --logits the cells are the model's outputs: parsed back as floats they equal, bit for bit, what the
     * saved model computes in-process for the same rows; the predicted class is their arg max.
     */
    @Test
    void predictWithLogitsWritesTheExactOutputsOfTheLastLayer() throws IOException {
        Path model = train("--quiet");
        Path input = temp.resolve("new.csv");
        Files.writeString(input, "x,y\n-3,0\n0.1,4.2\n2.9,-0.3\n");
        Nn.Run run = Nn.run("predict", model.toString(), "--input", input.toString(), "--logits");
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals("predicted,logit_blue,logit_green,logit_red", lines.get(0));
        SavedModel saved = ModelDirectory.load(model, Plugins.registry(getClass().getClassLoader()));
        float[] expected = saved.predict(Tensor.of(new float[] {-3, 0, 0.1f, 4.2f, 2.9f, -0.3f}, 3, 2)).data();
        List<String> classes = List.of("blue", "green", "red");
        for (int r = 0; r < 3; r++) {
            String[] cells = lines.get(r + 1).split(",");
            int best = 0;
            for (int c = 0; c < 3; c++) {
                assertEquals(Float.floatToIntBits(expected[r * 3 + c]), Float.floatToIntBits(Float.parseFloat(cells[c + 1])),
                        "row " + r + ", class " + c + ": " + lines.get(r + 1));
                best = expected[r * 3 + c] > expected[r * 3 + best] ? c : best;
            }
            assertEquals(classes.get(best), cells[0]);
        }
        assertEquals(List.of("red", "blue", "green"), lines.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
    }

    @Test
    void predictWritesEachNumberAsTheFloatItIs() {
        assertEquals("0.1", PredictCommand.format(0.1f), "0.1f, not 0.100000001");
        assertEquals("0.99999994", PredictCommand.format(Math.nextDown(1f)), "the float below 1, not rounded to 1");
        assertEquals("1.5E-5", PredictCommand.format(1.5e-5));
        assertEquals(0.123456789f, Float.parseFloat(PredictCommand.format(0.123456789)));
    }

    @Test
    void logitsAreRefusedForARegressionModel() {
        Path line = temp.resolve("line");
        assertEquals(0, Nn.run("train", data.resolve("line.json").toString(), "--out", line.toString(), "-q").code());
        assertEquals(new Nn.Run(1, "", "nn: --logits applies to classification models; " + line + " predicts regression"
                + " targets (loss mse), which are written as the model outputs them\n"),
                Nn.run("predict", line.toString(), "--input", data.resolve("line.csv").toString(), "--logits"));
    }

    @Test
    void predictWithoutTargetColumnsPrintsCsvToStdout() throws IOException {
        Path model = train("--quiet");
        Path input = temp.resolve("new.csv");
        Files.writeString(input, "y,x\n0,-3\n4,0\n");     // columns in another order than in training
        Nn.Run run = Nn.run("predict", model.toString(), "--input", input.toString());
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(1).startsWith("red,"), run.out());
        assertTrue(lines.get(2).startsWith("blue,"), run.out());
    }

    @Test
    void predictIgnoresOtherColumnsAndNamesAMissingFeatureColumn() throws IOException {
        Path model = train("--quiet", "--epochs", "1");
        Path input = temp.resolve("other.csv");
        Files.writeString(input, "id,x,y,note\n7,-3,0,a\n");
        Nn.Run run = Nn.run("predict", model.toString(), "--input", input.toString());
        assertEquals(0, run.code(), run.toString());
        assertEquals(2, run.out().lines().count(), run.out());
        Files.writeString(input, "id,x\n7,-3\n");
        Nn.Run missing = Nn.run("predict", model.toString(), "--input", input.toString());
        assertEquals(1, missing.code(), missing.toString());
        assertEquals("nn: " + input + ": line 1: there is no column 'y', which the model takes as a feature; the columns are"
                + " id, x\n", missing.err());
    }

    @Test
    void predictRefusesToWriteIntoTheModelDirectoryOrOverItsInput() throws IOException {
        Path model = train("--quiet", "--epochs", "1");
        Path weights = model.resolve("weights.safetensors");
        byte[] before = Files.readAllBytes(weights);
        Nn.Run run = Nn.run("predict", model.toString(), "--input", data.resolve("points.csv").toString(),
                "--output", weights.toString());
        assertEquals(new Nn.Run(1, "", "nn: --output " + weights + " is inside the model directory " + model
                + "; write the predictions elsewhere so the model is not overwritten\n"), run);
        assertArrayEquals(before, Files.readAllBytes(weights));

        Path input = temp.resolve("in.csv");
        Files.copy(data.resolve("points.csv"), input);
        Nn.Run over = Nn.run("predict", model.toString(), "--input", input.toString(), "--output",
                temp.resolve(".").resolve("in.csv").toString());
        assertEquals(new Nn.Run(1, "", "nn: --output " + temp.resolve(".").resolve("in.csv")
                + " is the --input file; write the predictions to another file\n"), over);
        assertEquals(Files.readString(data.resolve("points.csv")), Files.readString(input));
    }

    @Test
    void aFileGivenForTheModelDirectoryIsNotAFolder() {
        Path csv = data.resolve("points.csv");
        String expected = "nn: " + csv + " is not a folder; give the model directory that nn train wrote\n";
        assertEquals(new Nn.Run(1, "", expected), Nn.run("eval", csv.toString(), "--data", csv.toString()));
        assertEquals(new Nn.Run(1, "", expected), Nn.run("predict", csv.toString(), "--input", csv.toString()));
        assertEquals(new Nn.Run(1, "", expected), Nn.run("train", "--resume", csv.toString()));
    }

    @Test
    void aFolderGivenAsTheConfigIsNamed() {
        assertEquals(new Nn.Run(1, "", "nn: " + data + " is a folder, not a config file; give a run config (a .json file)\n"),
                Nn.run("train", data.toString()));
    }

    @Test
    void inspectOfAModelsModelJsonShowsItsModelDirectory() {
        Path model = train("--quiet", "--epochs", "1");
        Nn.Run run = Nn.run("inspect", model.resolve("model.json").toString());
        assertEquals(Nn.run("inspect", model.toString()), run);
        assertTrue(run.out().startsWith("model " + model + " (checkpoint after epoch 1 of 1)\n"), run.out());
    }

    /** CSV features are checked as they are parsed; .npy features get the check eval and train make. */
    @Test
    void predictRejectsANpyFileHoldingNaNAsEvalDoes() throws IOException {
        Path model = train("--quiet", "--epochs", "1");
        Path x = npy("x.npy", "(2, 2)", 1f, 2f, 3f, Float.NaN);
        Path y = npy("y.npy", "(2,)", 0f, 1f);
        String message = "nn: " + x + ": sample 1 (counting from 0), feature 1: NaN is not allowed; features must be finite\n";
        assertEquals(new Nn.Run(1, "", message), Nn.run("eval", model.toString(), "--data", x.toString(), "--targets",
                y.toString()));
        assertEquals(new Nn.Run(1, "", message), Nn.run("predict", model.toString(), "--input", x.toString()));
    }

    /** The width check names the file; the first layer (or the normalisation) would have named nothing. */
    @Test
    void dataOfAnotherWidthThanTheModelsIsNamedWithItsFile() throws IOException {
        Path model = train("--quiet", "--epochs", "1");
        Path x = npy("x3.npy", "(2, 3)", 1f, 2f, 3f, 4f, 5f, 6f);
        Path y = npy("y3.npy", "(2,)", 0f, 1f);
        String message = "nn: " + x + " has 3 features per sample, but the model takes 2\n";
        assertEquals(new Nn.Run(1, "", message), Nn.run("predict", model.toString(), "--input", x.toString()));
        assertEquals(new Nn.Run(1, "", message), Nn.run("eval", model.toString(), "--data", x.toString(), "--targets",
                y.toString()));
    }

    /** A model trained by nn train on 12 IDX images of 2×2 pixels (so its features are encoded as pixels). */
    private record IdxModel(Path model, Path images, byte[] pixels) {
    }

    private IdxModel trainOnIdx() throws IOException {
        byte[] pixels = new byte[12 * 4];
        int[] labels = new int[12];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 12; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 4; p++) {
                pixels[i * 4 + p] = (byte) (labels[i] == 1 ? 150 + random.nextInt(100) : random.nextInt(100));
            }
        }
        Path images = Files.write(temp.resolve("images-idx3-ubyte"), idx(new int[] {12, 2, 2}, pixels));
        byte[] labelBytes = new byte[12];
        for (int i = 0; i < 12; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        Path labelFile = Files.write(temp.resolve("labels-idx1-ubyte"), idx(new int[] {12}, labelBytes));
        Path config = temp.resolve("idx.json");
        Files.writeString(config, """
                {"model": {"inputs": 4, "layers": [{"type": "dense", "units": 2}]}, "loss": "cross_entropy",
                 "optimizer": {"name": "adam", "lr": 0.1}, "training": {"epochs": 3, "batchSize": 4, "seed": 1},
                 "data": {"train": {"features": "%s", "targets": "%s"}, "normalize": "standard"}}
                """.formatted(images, labelFile));
        Path model = temp.resolve("idx-model");
        assertEquals(0, Nn.run("train", config.toString(), "--out", model.toString(), "-q").code());
        assertEquals("pixels", JSON.readTree(model.resolve("model.json").toFile()).path("data").path("featureEncoding").asText());
        return new IdxModel(model, images, pixels);
    }

    /**
     * predict takes features as stored and applies the model's whole encoding (pixels ÷ 255, then the
     * normalisation), as train did: IDX images give the outputs of the same bytes written as float32 .npy; the
     * bytes already divided by 255 are refused, where they used to be predicted on as they came. A model trained
     * on CSV columns refuses IDX images, as it refuses uint8 .npy.
     */
    @Test
    void predictReadsIdxImagesAsTrainingDoes() throws IOException {
        IdxModel idx = trainOnIdx();
        Path model = idx.model();
        byte[] pixels = idx.pixels();
        Nn.Run fromIdx = Nn.run("predict", model.toString(), "--input", idx.images().toString(), "--logits");
        assertEquals(0, fromIdx.code(), fromIdx.toString());
        float[] bytes = new float[pixels.length];
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = pixels[i] & 0xff;
            scaled[i] = (pixels[i] & 0xff) / 255f;
        }
        Nn.Run fromNpy = Nn.run("predict", model.toString(), "--input", npy("images.npy", "(12, 4)", bytes).toString(),
                "--logits");
        assertEquals(fromNpy, fromIdx);
        assertEquals(13, fromIdx.out().lines().count());
        Nn.Run fromScaled = Nn.run("predict", model.toString(), "--input", npy("scaled.npy", "(12, 4)", scaled).toString());
        assertEquals(1, fromScaled.code(), fromScaled.toString());
        assertTrue(fromScaled.err().contains(temp.resolve("scaled.npy") + ": sample 0 (counting from 0), feature 0: "
                + scaled[0] + " is not a pixel byte"),
                fromScaled.err());

        Path csvModel = train("--quiet", "--epochs", "1");
        Path twoPixels = Files.write(temp.resolve("two-idx3-ubyte"), idx(new int[] {1, 1, 2}, new byte[] {1, 2}));
        assertEquals(new Nn.Run(1, "", "nn: " + twoPixels + " holds uint8 values, which are read as image pixels (divided"
                + " by 255), but the model was trained on the values of CSV columns (x, ...); save the features as float32"
                + " .npy (numpy: a.astype('float32'))\n"), Nn.run("predict", csvModel.toString(), "--input", twoPixels.toString()));
    }

    /**
     * A Java service and nn predict give the same answers for a model trained on pixels, from the same IDX file:
     * SavedModel.predict on the stored bytes gives bitwise the logits nn predict writes, and predictClasses and
     * predictProbabilities the classes and probabilities it writes by default (compared as the floats written).
     */
    @Test
    void theJavaApiPredictsAsNnPredictOnTheSameIdxFile() throws IOException {
        IdxModel idx = trainOnIdx();
        SavedModel saved = ModelDirectory.load(idx.model(), Plugins.registry(getClass().getClassLoader()));
        Tensor bytes = dev.hebb.io.data.IdxData.readImageBytes(idx.images());
        float[] logits = saved.predict(bytes).data();
        float[] probabilities = saved.predictProbabilities(bytes).data();
        List<String> classes = saved.predictClasses(bytes);
        List<String> cliLogits = Nn.run("predict", idx.model().toString(), "--input", idx.images().toString(), "--logits")
                .out().lines().toList();
        List<String> cliProbabilities = Nn.run("predict", idx.model().toString(), "--input", idx.images().toString())
                .out().lines().toList();
        assertEquals("predicted,p_0,p_1", cliProbabilities.get(0));
        assertEquals(13, cliProbabilities.size());
        for (int r = 0; r < 12; r++) {
            String[] l = cliLogits.get(r + 1).split(",");
            String[] p = cliProbabilities.get(r + 1).split(",");
            assertEquals(classes.get(r), l[0], "row " + r);
            assertEquals(classes.get(r), p[0], "row " + r);
            for (int c = 0; c < 2; c++) {
                assertEquals(Float.floatToIntBits(logits[r * 2 + c]), Float.floatToIntBits(Float.parseFloat(l[c + 1])), "row " + r);
                assertEquals(Float.floatToIntBits(probabilities[r * 2 + c]), Float.floatToIntBits(Float.parseFloat(p[c + 1])),
                        "row " + r);
            }
        }
        // The model learned the bright class: the API's classes are the trained model's, not a constant.
        assertEquals(List.of("0", "1"), List.of(classes.get(0), classes.get(1)));
    }

    /**
     * model.json records how the training features were stored; a model trained on float .npy values refuses
     * uint8 .npy or IDX files (read as pixels ÷ 255, which made a review's accuracy fall from 84% to 33%, silently).
     */
    @Test
    void aModelTrainedOnFloatNpyRefusesBytes() throws IOException {
        float[] x = new float[12 * 2];
        float[] y = new float[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i % 2;
            x[2 * i] = 10 * y[i] + i % 3;
            x[2 * i + 1] = 5 - y[i];
        }
        Path features = npy("train-x.npy", "(12, 2)", x);
        Path labels = npy("train-y.npy", "(12,)", y);
        Path config = temp.resolve("npy.json");
        Files.writeString(config, """
                {"model": {"inputs": 2, "layers": [{"type": "dense", "units": 2}]}, "loss": "cross_entropy",
                 "optimizer": "adam", "training": {"epochs": 1, "batchSize": 4, "seed": 1},
                 "data": {"train": {"features": "%s", "targets": "%s"}}}
                """.formatted(features, labels));
        Path model = temp.resolve("npy-model");
        assertEquals(0, Nn.run("train", config.toString(), "--out", model.toString(), "-q").code());
        assertEquals("values", JSON.readTree(model.resolve("model.json").toFile()).path("data").path("featureEncoding").asText());
        Path bytes = npy("bytes.npy", "|u1", "(1, 2)", new byte[] {10, 4});
        assertEquals(new Nn.Run(1, "", "nn: " + bytes + " holds uint8 values, which are read as image pixels (divided by 255),"
                + " but the model was trained on float values, taken as written; save the features as float32 .npy (numpy:"
                + " a.astype('float32'))\n"), Nn.run("predict", model.toString(), "--input", bytes.toString()));
        assertEquals(0, Nn.run("predict", model.toString(), "--input", npy("floats.npy", "(1, 2)", 10f, 4f).toString()).code());
    }

    /** An IDX file of unsigned bytes: magic 0x0000080D (D dimensions), the sizes (big-endian ints), the data. */
    private static byte[] idx(int[] shape, byte[] data) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * shape.length + data.length);
        b.putInt(0x0800 | shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /** uint8 .npy features are image pixels (÷255): right for a model trained on images, wrong for one on CSV. */
    @Test
    void uint8NpyFeaturesForAModelTrainedOnCsvColumnsAreRefused() throws IOException {
        Path model = train("--quiet", "--epochs", "1");
        Path x = npy("xu8.npy", "|u1", "(2, 2)", new byte[] {1, 2, 3, 4});
        Path y = npy("yu8.npy", "(2,)", 0f, 1f);
        String message = "nn: " + x + " holds uint8 values, which are read as image pixels (divided by 255), but the"
                + " model was trained on the values of CSV columns (x, ...); save the features as float32 .npy"
                + " (numpy: a.astype('float32'))\n";
        assertEquals(new Nn.Run(1, "", message), Nn.run("predict", model.toString(), "--input", x.toString()));
        assertEquals(new Nn.Run(1, "", message), Nn.run("eval", model.toString(), "--data", x.toString(), "--targets",
                y.toString()));
        Nn.Run floats = Nn.run("predict", model.toString(), "--input", npy("xf4.npy", "(2, 2)", 1f, 2f, 3f, 4f).toString());
        assertEquals(0, floats.code(), floats.toString());
    }

    /** The system reports a missing folder, or a place where nothing can be made, as "no such file". */
    @Test
    void anOutputThatCannotBeWrittenIsNamedWithTheReason() {
        Path model = train("--quiet", "--epochs", "1");
        Path nowhere = temp.resolve("no-such-folder").resolve("p.csv");
        assertEquals(new Nn.Run(1, "", "nn: --output " + nowhere + ": cannot be written (its folder "
                + nowhere.getParent() + " does not exist)\n"),
                Nn.run("predict", model.toString(), "--input", data.resolve("points.csv").toString(), "--output",
                        nowhere.toString()));
        if (Files.isWritable(Path.of("/dev/full"))) {
            assertEquals(new Nn.Run(1, "", "nn: --output /dev/full: cannot be written (No space left on device)\n"),
                    Nn.run("predict", model.toString(), "--input", data.resolve("points.csv").toString(), "--output",
                            "/dev/full"));
        }
        if (Files.isDirectory(Path.of("/proc/self"))) {
            Nn.Run proc = Nn.run("train", data.resolve("points.json").toString(), "--quiet", "--out", "/proc/hebb-run");
            assertEquals(new Nn.Run(1, "", "nn: --out /proc/hebb-run: cannot be written (it cannot be created there)\n"),
                    proc);
        }
    }

    /** A little-endian float32 .npy file of {@code shape} (a Python tuple) holding {@code values}. */
    private Path npy(String name, String shape, float... values) throws IOException {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return npy(name, "<f4", shape, data.array());
    }

    /** A .npy file of dtype {@code descr} and {@code shape} (a Python tuple) holding the bytes {@code data}. */
    private Path npy(String name, String descr, String shape, byte[] data) throws IOException {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";      // magic, version, length, header: 64-byte aligned
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        return Files.write(temp.resolve(name), b.array());
    }

    @Test
    void inspectShowsLayersShapesAndParameterCounts() {
        Nn.Run run = Nn.run("inspect", data.resolve("points.json").toString());
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.matches("(?s).*\n0 +dense \\(units=16\\) +\\[16\\] +48\n1 +activation \\(relu\\) +\\[16\\] +0\n"
                + "2 +dense \\(units=3\\) +\\[3\\] +51\n.*"), out);
        assertTrue(out.endsWith("total parameters: 99 (396 B as float32)\n"), out);
        Nn.Run saved = Nn.run("inspect", train("--quiet", "--epochs", "1").toString());
        assertEquals(0, saved.code(), saved.toString());
        assertTrue(saved.out().contains("classes: blue, green, red"), saved.out());
        assertTrue(saved.out().endsWith("total parameters: 99 (396 B as float32)\n"), saved.out());
    }

    /** A damaged row of the log a resumed run carries on is named (it was a bare NumberFormatException message). */
    @Test
    void aDamagedMetricsRowIsNamedWhenResuming() throws IOException {
        Path parts = temp.resolve("parts");
        assertEquals(TrainCommand.INTERRUPTED, Nn.runInterruptedAfterEpoch(2, "train", data.resolve("points.json").toString(),
                "--out", parts.toString()).code());
        Path metrics = parts.resolve("metrics.csv");
        List<String> lines = Files.readAllLines(metrics);
        Files.writeString(metrics, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).replaceFirst(",[^,]*", ",abc") + "\n");
        Nn.Run run = Nn.run("train", "--resume", parts.toString());
        assertEquals(new Nn.Run(1, "", "nn: " + metrics + ": line 3, column 'train_loss': 'abc' is not a number; correct the"
                + " line, or delete the file to start a new log from the resumed epoch on\n"), run);
        Files.writeString(metrics, lines.get(0) + "\n" + lines.get(1).replaceFirst("^1,", "1.5,") + "\n");
        assertTrue(Nn.run("train", "--resume", parts.toString()).err().contains(": line 2, column 'epoch': '1.5' is not an"
                + " epoch number;"));
    }

    @Test
    void anInterruptedRunKeepsItsCheckpointAndResumesBitwise() throws IOException {
        Path whole = temp.resolve("whole");
        assertEquals(0, Nn.run("train", data.resolve("points.json").toString(), "--out", whole.toString(), "-q").code());

        Path parts = temp.resolve("parts");
        Nn.Run stopped = Nn.runInterruptedAfterEpoch(2, "train", data.resolve("points.json").toString(), "--out",
                parts.toString());
        assertEquals(TrainCommand.INTERRUPTED, stopped.code(), stopped.toString());
        assertEquals("nn: interrupted; checkpoint of epoch 2 saved in " + parts + "; continue with: nn train --resume "
                + parts + "\n", stopped.err());
        assertEquals(3, Files.readAllLines(parts.resolve("metrics.csv")).size());
        // Resumed into another folder, the metrics continue the checkpoint's rather than start at epoch 3.
        Path copy = temp.resolve("copy");
        assertEquals(0, Nn.run("train", "--resume", parts.toString(), "--out", copy.toString(), "-q").code());
        assertEquals(7, Files.readAllLines(copy.resolve("metrics.csv")).size());
        // A plot's temporary left by a process killed while writing it is removed by the next run.
        Path stray = Files.createFile(parts.resolve(".loss.png.8150312.tmp"));

        Nn.Run resumed = Nn.run("train", "--resume", parts.toString());
        assertTrue(Files.notExists(stray), "the stray temporary is gone");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().startsWith("epoch 3/6: "), resumed.out());
        List<String> metrics = Files.readAllLines(parts.resolve("metrics.csv"));
        assertEquals(7, metrics.size());
        List<String> wholeMetrics = Files.readAllLines(whole.resolve("metrics.csv"));
        for (int i = 0; i < 7; i++) {
            // Same losses and accuracies; only the seconds differ.
            assertEquals(wholeMetrics.get(i).replaceAll(",[^,]*$", ""), metrics.get(i).replaceAll(",[^,]*$", ""));
        }
        assertSameWeights(whole, parts, "differs after resuming");
    }

    /** Asserts that two model directories hold the same weights, bitwise; else fails with "NAME {@code what}". */
    private static void assertSameWeights(Path expected, Path actual, String what) throws IOException {
        Map<String, Tensor> a = Safetensors.read(expected.resolve("weights.safetensors")).tensors();
        Map<String, Tensor> b = Safetensors.read(actual.resolve("weights.safetensors")).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, t) -> assertArrayEquals(t.data(), b.get(name).data(), name + " " + what));
    }

    @Test
    void earlyStoppingEndsTheRunWithAMessageAndItsCheckpointStaysEnded() throws IOException {
        Path config = temp.resolve("early.json");
        // Only epoch 1 improves (on +∞) by more than minDelta: patience 2 ends the run after epoch 3 of 6.
        Files.writeString(config, Files.readString(data.resolve("points.json"))
                .replace("\"validationSplit\": 0.25}", "\"validationSplit\": 0.25, \"earlyStopping\": {\"patience\": 2, \"minDelta\": 1e9}}")
                .replace("points.csv", data.resolve("points.csv").toString()));
        Path out = temp.resolve("early");
        Nn.Run run = Nn.run("train", config.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run.out());
        assertTrue(lines.get(3).matches("stopped early: the validation loss has not improved for 2 epochs since epoch 1"
                + " \\(\\d\\.\\d{4}\\); the model saved holds the weights of the last epoch, 3, not of epoch 1"), lines.get(3));
        Nn.Run resumed = Nn.run("train", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().endsWith("nothing to train; model saved in " + out + "\n"), resumed.out());
    }

    /** points.json with early stopping restoring the best weights; minDelta 1e9: only epoch 1 improves (on +infinity). */
    private Path restoringBest(int patience) throws IOException {
        return Files.writeString(temp.resolve("best.json"), Files.readString(data.resolve("points.json"))
                .replace("\"validationSplit\": 0.25}", "\"validationSplit\": 0.25, \"earlyStopping\": {\"patience\": "
                        + patience + ", \"minDelta\": 1e9, \"restoreBest\": true}}")
                .replace("points.csv", data.resolve("points.csv").toString()));
    }

    /** Asserts, bitwise, that {@code dir} holds the weights of a run of points.json trained for its first epoch only. */
    private void assertHoldsTheFirstEpochsWeights(Path dir) throws IOException {
        Path first = temp.resolve("first-epoch");
        if (Files.notExists(first)) {
            Nn.Run reference = Nn.run("train", data.resolve("points.json").toString(), "--epochs", "1", "--out",
                    first.toString(), "-q");
            assertEquals(0, reference.code(), reference.toString());
        }
        assertSameWeights(first, dir, "is not the best epoch's");
    }

    /** The lines {@code nn train} prints for {@link #restoringBest}{@code (patience)} into {@code out}, which must succeed. */
    private List<String> trainRestoringBest(int patience, Path out) throws IOException {
        Nn.Run run = Nn.run("train", restoringBest(patience).toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.toString());
        return run.out().lines().toList();
    }

    /** The end of the message of a run whose saved model holds epoch 1's weights, restored, and whose last epoch was N. */
    private static final String RESTORED = " \\(\\d\\.\\d{4}\\); the model saved holds the weights of epoch 1, the best"
            + " \\(restoreBest\\), not of the last epoch, ";

    @Test
    void restoreBestSavesTheBestEpochsWeightsAndSaysSo() throws IOException {
        Path out = temp.resolve("restored");
        List<String> lines = trainRestoringBest(2, out);
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).matches("stopped early: the validation loss has not improved for 2 epochs since epoch 1"
                + RESTORED + "3"), lines.get(3));
        assertHoldsTheFirstEpochsWeights(out);
        Nn.Run resumed = Nn.run("train", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().endsWith("the model saved holds the weights of epoch 1, the best (restoreBest), not of the"
                + " last epoch, 3\nnothing to train; model saved in " + out + "\n"), resumed.out());
        assertHoldsTheFirstEpochsWeights(out);
    }

    @Test
    void restoreBestAfterEveryEpochSaysWhichEpochTheModelHolds() throws IOException {
        Path out = temp.resolve("every-epoch");
        List<String> lines = trainRestoringBest(10, out);
        assertTrue(lines.get(lines.size() - 2).matches("trained every epoch: the validation loss was lowest at epoch 1"
                + RESTORED + "6"), String.join("\n", lines));
        assertHoldsTheFirstEpochsWeights(out);
    }

    @Test
    void aDivergingRunStopsWithOneLineAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path config = temp.resolve("diverge.json");
        Files.writeString(config, Files.readString(data.resolve("line.json")).replace("\"lr\": 0.2", "\"lr\": 1e20")
                .replace("line.csv", data.resolve("line.csv").toString()));
        Path out = temp.resolve("nan");
        Nn.Run run = Nn.run("train", config.toString(), "--out", out.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().matches("nn: loss became (NaN|\\+infinity) at epoch 1, batch \\d+"
                + "( \\(\\d+ weights had become NaN or infinite\\))?; last good checkpoint kept in "
                + java.util.regex.Pattern.quote(out.toString()) + " \\(epoch 0\\); try a lower learning rate or clipGradNorm\n"),
                run.err());
        assertTrue(Files.exists(out.resolve("model.json")));
        assertTrue(Files.exists(out.resolve("weights.safetensors")));
    }

    @Test
    void aMissingConfigIsOneLineAndExitCodeOne() {
        Nn.Run run = Nn.run("train", temp.resolve("nope.json").toString());
        assertEquals(1, run.code(), run.toString());
        assertEquals("nn: file not found: " + temp.resolve("nope.json") + "\n", run.err());
    }

    @Test
    void aBadConfigNamesTheFileAndPlace() throws IOException {
        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"model\": {\"inputs\": 2,, }}");
        Nn.Run run = Nn.run("train", broken.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn: " + broken + ": line 1, column "), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void anUnknownPluginInTheConfigGetsASuggestion() throws IOException {
        Path config = temp.resolve("typo.json");
        Files.writeString(config, Files.readString(data.resolve("points.json")).replace("\"relu\"", "\"rleu\"")
                .replace("points.csv", data.resolve("points.csv").toString()));
        Nn.Run run = Nn.run("train", config.toString(), "--out", temp.resolve("typo").toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn: " + config + ": model.layers[0].activation: "), run.err());
        assertTrue(run.err().contains("unknown activation 'rleu'; did you mean 'relu'?"), run.err());
        assertEquals(1, run.err().lines().count());
        assertFalse(Files.exists(temp.resolve("typo")), "nothing is written for a config that cannot run");
    }

    @Test
    void trainWithoutConfigOrResumeIsAUsageError() {
        Nn.Run run = Nn.run("train");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn train: give a run config (nn train CONFIG.json) or a checkpoint"), run.err());
    }

    @Test
    void trainRefusesToOverwriteAModel() {
        Path out = train("-q", "--epochs", "1");
        Nn.Run run = Nn.run("train", data.resolve("points.json").toString(), "--out", out.toString());
        assertEquals(1, run.code(), run.toString());
        assertEquals("nn: " + out + " already holds a model; choose another --out, or continue it with --resume " + out + "\n",
                run.err());
    }

    /** A seed sweep starts several runs in the same second: each gets a folder of its own. */
    @Test
    void runsStartedInTheSameSecondGetTheirOwnDefaultFolders() throws Exception {
        Path runs = temp.resolve("runs");
        java.time.LocalDateTime time = java.time.LocalDateTime.of(2026, 11, 29, 19, 44, 33);
        List<java.util.concurrent.Callable<Path>> starts = java.util.Collections.nCopies(3,
                () -> TrainCommand.createDefaultOut(Path.of("conf/ok.json"), runs, time));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        java.util.Set<Path> dirs = new java.util.HashSet<>();
        try {
            for (java.util.concurrent.Future<Path> f : pool.invokeAll(starts)) {
                dirs.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(java.util.Set.of(runs.resolve("ok-20261129-194433"), runs.resolve("ok-20261129-194433-2"),
                runs.resolve("ok-20261129-194433-3")), dirs);
        dirs.forEach(d -> assertTrue(Files.isDirectory(d), d + " was not created"));
    }

    @Test
    void trainHelpShowsEveryOption() {
        Nn.Run run = Nn.run("train", "--help");
        for (String option : new String[] {"--out=DIR", "--init=WEIGHTS.safetensors", "--epochs=N", "--seed=S", "--resume=DIR",
            "--plugins=DIR", "--quiet", "--verbose"}) {
            assertTrue(run.out().contains(option), option + " missing from\n" + run.out());
        }
    }

    @Test
    void initStartsFromGivenWeightsAndRejectsMismatchedOnes() throws IOException {
        Path first = train("-q", "--epochs", "3");
        Path again = temp.resolve("again");
        Nn.Run run = Nn.run("train", data.resolve("points.json").toString(), "--out", again.toString(), "--epochs", "1",
                "--init", first.resolve("weights.safetensors").toString());
        assertEquals(0, run.code(), run.toString());
        // Started from trained weights, the first epoch's loss is far below a fresh run's first epoch.
        double fresh = Double.parseDouble(Files.readAllLines(first.resolve("metrics.csv")).get(1).split(",")[1]);
        double warm = Double.parseDouble(Files.readAllLines(again.resolve("metrics.csv")).get(1).split(",")[1]);
        assertTrue(warm < fresh / 2, "fresh " + fresh + ", from --init " + warm);
        // The config and seed no longer reproduce the run: model.json says which weights it started from.
        String started = JSON.readTree(again.resolve("model.json").toFile()).path("provenance").path("initialWeights").asText();
        assertTrue(started.startsWith(first.resolve("weights.safetensors") + " (sha256 "), started);
        assertTrue(JSON.readTree(first.resolve("model.json").toFile()).path("provenance").path("initialWeights").isMissingNode());

        Path line = temp.resolve("line");
        assertEquals(0, Nn.run("train", data.resolve("line.json").toString(), "--out", line.toString(), "-q",
                "--epochs", "1").code());
        Nn.Run bad = Nn.run("train", data.resolve("points.json").toString(), "--out", temp.resolve("bad").toString(),
                "--init", line.resolve("weights.safetensors").toString());
        assertEquals(1, bad.code(), bad.toString());
        assertTrue(bad.err().startsWith("nn: " + line.resolve("weights.safetensors")), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }
}
