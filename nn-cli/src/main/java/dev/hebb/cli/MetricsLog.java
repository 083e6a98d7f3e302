package dev.hebb.cli;

import dev.hebb.io.InvalidFileException;
import dev.hebb.io.internal.AtomicFiles;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Writes {@code metrics.csv} (one row per epoch: epoch, train_loss, train_accuracy, val_loss,
 * val_accuracy, lr, seconds; empty cells where a value does not exist) and {@code loss.png} (training and
 * validation loss over epochs) after every epoch, each replaced atomically, so an interrupted run has
 * both up to its last checkpoint. Epochs are counted from 1.
 */
final class MetricsLog implements TrainingListener {

    static final String METRICS = "metrics.csv";
    static final String PLOT = "loss.png";
    static final String HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

    private final Path dir;
    private PrintWriter warnings;
    private final List<String> rows = new ArrayList<>();
    private final List<double[]> losses = new ArrayList<>(); // {epoch, train, validation or NaN}
    private int lastEpoch;

    private MetricsLog(Path dir, int startEpoch) {
        this.dir = dir;
        this.lastEpoch = startEpoch;
    }

    /**
     * A log in {@code dir} for a run starting after {@code startEpoch} completed epochs; rows of those epochs
     * already in {@code from/metrics.csv} (a resumed run's checkpoint folder, {@code dir} itself or another)
     * are kept, later ones dropped. Temporaries of an earlier process killed while writing are removed.
     */
    static MetricsLog open(Path dir, Path from, int startEpoch) throws IOException {
        MetricsLog log = new MetricsLog(dir, startEpoch);
        AtomicFiles.removeStrayTemporaries(dir.resolve(METRICS));
        AtomicFiles.removeStrayTemporaries(dir.resolve(PLOT));
        Path file = from.resolve(METRICS);
        if (startEpoch > 0 && Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                String[] cells = line.split(",", -1);   // our own numeric file: no quoting is ever written
                if (cells.length != 7) {
                    continue; // a row cut short by a crash of an older version; its epoch is logged again
                }
                int epoch = epoch(file, i + 1, cells[0]);
                if (epoch <= startEpoch) {
                    log.rows.add(line);
                    log.losses.add(new double[] {epoch, number(file, i + 1, "train_loss", cells[1]),
                        cells[3].isEmpty() ? Double.NaN : number(file, i + 1, "val_loss", cells[3])});
                }
            }
        }
        return log;
    }

    /**
     * A cell of an earlier run's {@code metrics.csv}, which a resumed run carries on. The file is only a log, but
     * a damaged row is named rather than dropped or carried on silently.
     */
    private static double number(Path file, int line, String column, String cell) throws InvalidFileException {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw damaged(file, line, column, cell, "a number");
        }
    }

    /** The epoch cell of such a row: a whole number from 1. */
    private static int epoch(Path file, int line, String cell) throws InvalidFileException {
        int epoch;
        try {
            epoch = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            epoch = 0;
        }
        if (epoch < 1) {
            throw damaged(file, line, "epoch", cell, "an epoch number");
        }
        return epoch;
    }

    private static InvalidFileException damaged(Path file, int line, String column, String cell, String expected) {
        return new InvalidFileException(file, "line " + line + ", column '" + column + "': '" + cell + "' is not " + expected
                + "; correct the line, or delete the file to start a new log from the resumed epoch on");
    }

    /** Where a failure to draw the plot is reported (it does not stop training). */
    MetricsLog warnTo(PrintWriter err) {
        this.warnings = err;
        return this;
    }

    /** The number of epochs completed and written. */
    int lastEpoch() {
        return lastEpoch;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        lastEpoch = m.epoch() + 1;
        rows.add(lastEpoch + "," + m.trainLoss() + "," + cell(m.trainAccuracy()) + "," + cell(m.validationLoss()) + ","
                + cell(m.validationAccuracy()) + "," + m.learningRate() + "," + String.format(Locale.ROOT, "%.3f", m.seconds()));
        losses.add(new double[] {lastEpoch, m.trainLoss(), m.validationLoss().orElse(Double.NaN)});
        try {
            AtomicFiles.write(dir.resolve(METRICS), out -> out.write((HEADER + "\n" + String.join("\n", rows) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + METRICS + " in " + dir, e);
        }
        try {
            AtomicFiles.write(dir.resolve(PLOT), out -> writePng(chart(), out));
        } catch (IOException | RuntimeException e) {
            // The plot is derived from metrics.csv; failing to draw it must not stop training or lose the checkpoint.
            if (warnings != null) {
                warnings.println("nn: could not draw " + PLOT + " in " + dir + ": " + Main.message(e));
                warnings.flush();
            }
        }
    }

    /**
     * Encodes the chart as PNG into {@code out}, buffered in memory. ImageIO's default (and XChart's
     * {@code saveBitmap}) caches in a temporary file whose clean-up it registers as a shutdown hook, which fails
     * with "Shutdown in progress" when the last epoch ends after Ctrl-C, while the JVM is shutting down.
     */
    static void writePng(XYChart chart, OutputStream out) throws IOException {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("this Java has no PNG writer");
            }
        }
    }

    private static String cell(OptionalDouble v) {
        return v.isPresent() ? String.valueOf(v.getAsDouble()) : "";
    }

    /** Training and validation loss against the epoch. */
    XYChart chart() {
        System.setProperty("java.awt.headless", "true"); // drawn off-screen, also when run in-process
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Loss").xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(losses.size() > 50 ? 0 : 6);
        double[] epochs = losses.stream().mapToDouble(r -> r[0]).toArray();
        chart.addSeries("train", epochs, losses.stream().mapToDouble(r -> r[1]).toArray())
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (losses.stream().noneMatch(r -> Double.isNaN(r[2]))) {
            chart.addSeries("validation", epochs, losses.stream().mapToDouble(r -> r[2]).toArray())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        return chart;
    }
}
