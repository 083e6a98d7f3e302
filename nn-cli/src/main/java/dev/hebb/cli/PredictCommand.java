package dev.hebb.cli;

import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.data.CsvData;
import dev.hebb.io.data.DataFiles;
import dev.hebb.loss.Loss;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nn predict}: a saved model's predictions for new samples, as CSV. For classification: the
 * predicted class (its name when the training labels were names) and one column per class with its
 * probability (softmax of the logits for {@code cross_entropy}, {@code exp} of the log-probabilities for
 * {@code nll}, the raw scores otherwise), or with {@code --logits} the last layer's raw outputs; for
 * regression: one column per target. Every number is a float32 value, written with enough digits to read
 * back as the same float, so that it can be compared with PyTorch's exactly.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict with a saved model: CSV (or .npy or IDX) features in, CSV out. Classification: the predicted"
                + " class and each class's probability (cross_entropy, nll; with another class loss, such as a plugin's,"
                + " the raw scores, score_<class> columns); regression: the predicted targets.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private NnCommand nn;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model directory written by nn train.")
    private Path modelDir;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "The samples: CSV with the model's feature columns (target columns, if present, are ignored),"
                    + " .npy, or IDX images.")
    private Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the CSV. Default: standard output.")
    private Path output;

    @Option(names = "--logits", description = "Classification: write the last layer's raw outputs (logit_<class> columns)"
            + " instead of probabilities.")
    private boolean logits;

    @Override
    public Integer call() throws IOException {
        checkOutput();
        SavedModel saved = ModelDirectory.load(ModelInputs.modelDir(modelDir), nn.registry());
        Loss loss = saved.loss();
        if (logits && !saved.isClassifier()) {
            throw new CliException("--logits applies to classification models; " + modelDir + " predicts regression"
                    + " targets (loss " + loss.name() + "), which are written as the model outputs them");
        }
        ModelInputs.checkByteFeatures(input, saved);
        Tensor features = ModelInputs.checkWidth(input, read(saved), saved);
        Tensor prediction = ModelInputs.predict(input, features, saved);
        int n = prediction.dim(0);
        int width = prediction.rowSize();
        List<String> header = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (saved.isClassifier()) {
            // The library's conversions, so that a Java service and nn predict give the same classes and numbers.
            boolean probabilities = !logits && saved.givesProbabilities();
            float[] p = probabilities ? saved.probabilitiesOf(prediction).data() : prediction.data();
            List<String> predicted = saved.classesOf(prediction);
            String kind = logits ? "logit_" : probabilities ? "p_" : "score_";
            header.add("predicted");
            saved.classNames().forEach(c -> header.add(kind + c));
            for (int r = 0; r < n; r++) {
                StringBuilder line = new StringBuilder(quote(predicted.get(r)));
                for (int c = 0; c < width; c++) {
                    line.append(',').append(format(p[r * width + c]));
                }
                lines.add(line.toString());
            }
        } else {
            float[] p = prediction.data();
            List<String> targets = saved.data().targetNames();
            for (int c = 0; c < width; c++) {
                header.add(c < targets.size() ? targets.get(c) : "output_" + c);
            }
            for (int r = 0; r < n; r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < width; c++) {
                    line.append(c == 0 ? "" : ",").append(format(p[r * width + c]));
                }
                lines.add(line.toString());
            }
        }
        List<String> quoted = header.stream().map(PredictCommand::quote).toList();
        if (output == null) {
            PrintWriter out = nn.out();
            write(out, quoted, lines);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(w, quoted, lines);
            } catch (IOException e) {
                throw CliException.cannotWrite("--output", output, e);
            }
            if (!nn.quiet()) {
                nn.err().println("nn: wrote " + n + " predictions to " + output);
            }
        }
        return 0;
    }

    /**
     * Refuses an {@code --output} inside the model directory or equal to the input: the CSV would replace
     * the model's weights or config (destroying the model) or the samples being read.
     */
    private void checkOutput() throws IOException {
        if (output == null) {
            return;
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && Files.isDirectory(folder) && Files.isDirectory(modelDir) && Files.isSameFile(folder, modelDir)) {
            throw new CliException("--output " + output + " is inside the model directory " + modelDir
                    + "; write the predictions elsewhere so the model is not overwritten");
        }
        if (Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input)) {
            throw new CliException("--output " + output + " is the --input file; write the predictions to another file");
        }
    }

    private Tensor read(SavedModel saved) throws IOException {
        if (!DataFiles.isCsv(input)) {
            return ModelInputs.arrayFeatures(input, saved); // .npy or IDX images, as train and eval tell them apart
        }
        List<String> features = saved.data().featureNames();
        if (features.isEmpty()) {
            // Trained on unnamed (.npy or IDX) features: every column is one, in order.
            return CsvData.read(input, List.of(), false, null).dataset().features();
        }
        // The model's columns in its order; any other column (an id, the targets of a labelled file) is ignored.
        return CsvData.readFeatures(input, features);
    }

    private static void write(Writer w, List<String> header, List<String> lines) throws IOException {
        w.write(String.join(",", header));
        w.write('\n');
        for (String line : lines) {
            w.write(line);
            w.write('\n');
        }
    }

    /**
     * The float32 value of {@code v} (the precision the model computes in), written by {@link Float#toString}
     * with enough digits to read back as the same float: 0.1f is "0.1", not 0.100000001; values below 0.001
     * or from 10^7 in E notation ("1.5E-5"), which CSV readers parse.
     */
    static String format(double v) {
        return Float.toString((float) v);
    }

    /** RFC 4180 quoting for names holding commas, quotes or line breaks. */
    static String quote(String s) {
        return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
