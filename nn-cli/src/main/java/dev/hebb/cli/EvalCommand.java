package dev.hebb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.data.DataFiles;
import dev.hebb.io.data.LabelledData;
import dev.hebb.loss.Loss;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.ClassificationMetrics;
import dev.hebb.train.RegressionMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nn eval}: a saved model's loss on labelled data, and for classification accuracy, per-class
 * precision/recall/F1 and the confusion matrix, for regression MSE, MAE and R².
 */
@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Evaluate a saved model on labelled data: loss; accuracy, per-class precision/recall/F1 and the"
                + " confusion matrix for classification; MSE, MAE and R² for regression.")
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    private NnCommand nn;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model directory written by nn train.")
    private Path modelDir;

    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "The data: a CSV file with the model's feature and target columns, or .npy / IDX features"
                    + " (then give --targets).")
    private Path data;

    @Option(names = "--targets", paramLabel = "FILE", description = "The targets of .npy or IDX features (.npy array or IDX labels).")
    private Path targets;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PluginRegistry registry = nn.registry();
        SavedModel saved = ModelDirectory.load(ModelInputs.modelDir(modelDir), registry);
        Loss loss = saved.loss();
        boolean classes = loss.takesClassLabels();
        ModelInputs.checkByteFeatures(data, saved);
        LabelledData labelled = DataFiles.read(data, targets, saved.data().targetNames(), classes,
                classes ? saved.data().classNames() : null);
        Tensor features = labelled.dataset().features();
        if (!DataFiles.isCsv(data)) {
            // The reader above scaled pixels, as training's does; SavedModel.predict takes them as stored.
            features = ModelInputs.arrayFeatures(data, saved);
        }
        features = ModelInputs.checkWidth(data, ModelInputs.arrange(data, features, labelled.featureNames(), saved), saved);
        Tensor truth = labelled.dataset().targets();
        if (classes && labelled.classNames().isEmpty()) {
            int[] out = saved.model().outputShape();
            DataFiles.checkClassIdsBelow(targets != null ? targets : data, truth, out[out.length - 1]);
        }
        Tensor prediction = ModelInputs.predict(data, features, saved);
        double lossValue = loss.value(prediction, truth);
        int n = truth.dim(0);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode result = mapper.createObjectNode().put("samples", n).put("loss", lossValue);
        PrintWriter out = nn.out();
        if (classes) {
            ClassificationMetrics m = ClassificationMetrics.of(prediction, truth);
            List<String> names = saved.classNames();
            result.put("accuracy", m.accuracy()).put("macroF1", m.macroF1()).put("weightedF1", m.weightedF1());
            ArrayNode perClass = result.putArray("classes");
            ArrayNode confusion = result.putArray("confusionMatrix");
            long[][] cm = m.confusionMatrix();
            for (int c = 0; c < m.classes(); c++) {
                perClass.addObject().put("class", names.get(c)).put("precision", m.precision(c)).put("recall", m.recall(c))
                        .put("f1", m.f1(c)).put("support", m.support(c));
                ArrayNode row = confusion.addArray();
                for (long v : cm[c]) {
                    row.add(v);
                }
            }
            if (json) {
                out.println(mapper.writeValueAsString(result));
            } else {
                printClassification(out, lossValue, m, names);
            }
        } else {
            RegressionMetrics m = RegressionMetrics.of(prediction.reshape(truth.shape()), truth);
            result.put("mse", m.mse()).put("mae", m.mae()).put("r2", m.r2());
            List<String> names = saved.data().targetNames();
            ArrayNode outputs = result.putArray("outputs");
            for (int o = 0; o < m.outputs(); o++) {
                outputs.addObject().put("target", o < names.size() ? names.get(o) : "output " + o)
                        .put("mse", m.mse(o)).put("mae", m.mae(o)).put("r2", m.r2(o));
            }
            if (json) {
                out.println(mapper.writeValueAsString(result));
            } else {
                out.println(String.format(Locale.ROOT, "loss %s, MSE %s, MAE %s, R² %s on %d samples", f(lossValue), f(m.mse()),
                        f(m.mae()), f(m.r2()), n));
                if (m.outputs() > 1) {
                    Table t = new Table("target", "MSE", "MAE", "R²");
                    for (int o = 0; o < m.outputs(); o++) {
                        t.row(o < names.size() ? names.get(o) : "output " + o, f(m.mse(o)), f(m.mae(o)), f(m.r2(o)));
                    }
                    t.print(out);
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void printClassification(PrintWriter out, double loss, ClassificationMetrics m, List<String> names) {
        out.println(String.format(Locale.ROOT, "loss %s, accuracy %.2f%% on %d samples", f(loss), 100 * m.accuracy(), m.samples()));
        out.println();
        Table t = new Table("class", "precision", "recall", "f1", "support");
        for (int c = 0; c < m.classes(); c++) {
            t.row(names.get(c), f(m.precision(c)), f(m.recall(c)), f(m.f1(c)), String.valueOf(m.support(c)));
        }
        t.row("macro avg", "", "", f(m.macroF1()), String.valueOf(m.samples()));
        t.row("weighted avg", "", "", f(m.weightedF1()), String.valueOf(m.samples()));
        t.print(out);
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(names);
        Table cm = new Table(header.toArray(String[]::new));
        long[][] counts = m.confusionMatrix();
        for (int c = 0; c < m.classes(); c++) {
            List<String> row = new ArrayList<>(List.of(names.get(c)));
            for (long v : counts[c]) {
                row.add(String.valueOf(v));
            }
            cm.row(row.toArray(String[]::new));
        }
        cm.print(out);
    }

    private static String f(double v) {
        return ProgressOutput.number(v);
    }
}
