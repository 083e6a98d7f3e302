package dev.hebb.examples;

import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Regression: fit {@code y = sin(x)} on {@code [−π, π]} with two hidden layers of 32 tanh units, Adam
 * and the mean squared error. Trained on {@value #TRAIN_POINTS} evenly spaced points, measured on
 * {@value #TEST_POINTS} others between them; the mean squared error there ends below 1e-3.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.SineRegression
 * java -cp ... dev.hebb.examples.SineRegression --csv examples/data/sine.csv   (writes the training points)
 * ./nn train examples/sine.json
 * </pre>
 */
public final class SineRegression {

    /** Training points, evenly spaced over [−π, π], ends included. */
    public static final int TRAIN_POINTS = 256;
    /** Test points, evenly spaced over [−π, π]: almost all fall between training points. */
    public static final int TEST_POINTS = 1000;
    /** The seed of the initial weights and of the shuffling. */
    public static final long SEED = 1;
    /** Passes over the training points. */
    public static final int EPOCHS = 300;

    /**
     * What training achieved.
     *
     * @param model   the trained network, 1 → 32 → 32 → 1
     * @param testMse the mean squared error on the test points
     */
    public record Result(Sequential model, double testMse) {
    }

    private SineRegression() {
    }

    /** {@code n} evenly spaced x over [−π, π] (as {@code [n, 1]}) with targets sin(x). */
    public static Dataset points(int n) {
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double v = -Math.PI + 2 * Math.PI * i / (n - 1);
            x[i] = (float) v;
            y[i] = (float) Math.sin(v);
        }
        return new Dataset(Tensor.of(x, n, 1), Tensor.of(y, n, 1));
    }

    /** Trains the network from the initial weights of {@code seed}. */
    public static Result train(PluginRegistry registry, long seed, TrainingListener... listeners) {
        Sequential model = Mlp.of(registry, new SplittableRandom(seed), "tanh", 1, 32, 32, 1);
        Loss mse = registry.loss("mse", Hyperparameters.empty());
        Optimizer adam = registry.optimizer("adam", model.parameters(), Hyperparameters.of("lr", 0.01));
        TrainingConfig config = TrainingConfig.builder().epochs(EPOCHS).batchSize(32).seed(seed)
                // Cosine decay to 0 lets the last epochs settle into the minimum instead of hovering around it.
                .schedule(registry.schedule("cosine", Hyperparameters.of("tMax", EPOCHS)))
                .build();
        Trainer trainer = new Trainer(model, mse, adam, config);
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        trainer.fit(points(TRAIN_POINTS));
        return new Result(model, trainer.evaluate(points(TEST_POINTS)).loss());
    }

    /** Writes the training points as the CSV {@code examples/sine.json} trains on: columns {@code x,y}. */
    public static void writeCsv(Path file) throws IOException {
        Dataset d = points(TRAIN_POINTS);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < TRAIN_POINTS; i++) {
            // Float.toString is the shortest text that reads back to the same float.
            csv.append(d.features().data()[i]).append(',').append(d.targets().data()[i]).append('\n');
        }
        Files.writeString(file, csv);
    }

    /** Trains and prints the test error and a few predictions; {@code --csv FILE} writes the training points instead. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--csv")) {
            writeCsv(Path.of(args[1]));
            return;
        }
        Result r = train(Plugins.registry(), SEED, new ProgressPrinter(System.out, EPOCHS, 50));
        Tensor x = Tensor.of(new float[] {-3, -1.5f, 0, 0.5f, 2}, 5, 1);
        float[] y = r.model().predict(x).data();
        for (int i = 0; i < 5; i++) {
            System.out.printf(Locale.ROOT, "sin(%5.2f) = %8.5f   network: %8.5f%n", x.data()[i], Math.sin(x.data()[i]), y[i]);
        }
        System.out.printf(Locale.ROOT, "test mean squared error over %d points: %.3g%n", TEST_POINTS, r.testMse());
    }
}
