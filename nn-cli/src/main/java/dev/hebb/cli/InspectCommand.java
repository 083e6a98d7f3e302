package dev.hebb.cli;

import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.plugin.Hyperparameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nn inspect}: the layer table of a saved model or a config, like Keras' {@code summary()}. */
@Command(name = "inspect", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Show a model's layers (index, type, output shape, parameter count) and totals, from a model"
                + " directory or a run config.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    private NnCommand nn;

    @Parameters(paramLabel = "MODEL_DIR|CONFIG.json", description = "A model directory written by nn train, or a run config.")
    private Path path;

    @Override
    public Integer call() throws IOException {
        Sequential model;
        String header;
        if (path.endsWith(ModelDirectory.MODEL_JSON) && Files.isRegularFile(path)
                && Files.exists(path.resolveSibling(ModelDirectory.WEIGHTS))) {
            // A saved model's model.json (not a run config, which it would fail as): show its model directory.
            path = path.getParent() != null ? path.getParent() : path.toAbsolutePath().getParent();
        }
        if (Files.isDirectory(path)) {
            SavedModel saved = ModelDirectory.load(path, nn.registry());
            model = saved.model();
            header = "model " + path + (saved.progress() == null ? "" : " (checkpoint after epoch " + saved.progress().epoch()
                    + " of " + saved.config().training().epochs() + ")");
            if (!saved.data().classNames().isEmpty()) {
                header += "\nclasses: " + String.join(", ", saved.data().classNames());
            }
        } else {
            RunConfig config = ConfigReader.read(path);
            model = config.buildModel(nn.registry());
            header = "config " + path;
        }
        print(nn.out(), header, model);
        return 0;
    }

    /** The table: one row per layer of the expanded layer list, then the totals. */
    static void print(PrintWriter out, String header, Sequential model) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "layer", "output shape", "params"});
        int[] shape = model.inputShape();
        rows.add(new String[] {"", "input", Arrays.toString(shape), ""});
        long total = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            shape = layer.outputShape(shape);
            long params = 0;
            for (Parameter p : layer.parameters()) {
                params += p.value().size();
            }
            total += params;
            rows.add(new String[] {String.valueOf(i), describe(layer), Arrays.toString(shape), String.format(Locale.ROOT, "%,d", params)});
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        out.println(header);
        String rule = "-".repeat(width[0] + width[1] + width[2] + width[3] + 6);
        out.println(rule);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            out.println(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s",
                    (Object[]) row).stripTrailing());
            if (r == 0) {
                out.println(rule);
            }
        }
        out.println(rule);
        out.println(String.format(Locale.ROOT, "total parameters: %,d (%s as float32)", total, bytes(4 * total)));
        out.flush();
    }

    /** {@code dense (units=16)}, {@code activation (leaky_relu, negativeSlope=0.1)}. */
    static String describe(Layer layer) {
        Hyperparameters h = layer.hyperparameters();
        String details = h.asMap().entrySet().stream()
                .map(e -> e.getKey().equals("name") ? String.valueOf(e.getValue()) : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return layer.type() + (details.isEmpty() ? "" : " (" + details + ")");
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
