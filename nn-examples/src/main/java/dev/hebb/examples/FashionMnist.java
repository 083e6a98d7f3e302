package dev.hebb.examples;

import dev.hebb.io.data.IdxData;
import dev.hebb.io.data.LabelledData;
import dev.hebb.io.data.Normalization;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Ops;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Evaluation;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fashion-MNIST (60,000 training and 10,000 test images of clothes, 28×28 grey levels, 10 classes):
 * an MLP 784 → 256 → 128 → 10 with ReLU, Adam (lr 1e-3) and batches of 128 reaches a test accuracy of
 * at least 0.89 within {@value #EPOCHS} epochs. Two choices get it there: pixels standardised with the
 * training images' per-pixel mean and deviation, and a cosine decay of the learning rate to 0 over the
 * run (without them the same network ends near 0.88).
 *
 * <p>The data is not shipped. It is read from the folder given as the first argument, else from
 * {@code $NN_FASHION_MNIST}, else from {@value #DEFAULT_DIR}, where Debian's {@code dataset-fashion-mnist}
 * package installs it. Without the data the example says how to get it and exits with status 2.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.FashionMnist [DIR]
 * ./nn train examples/fashion-mnist.json
 * </pre>
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} installs the four files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    /** The environment variable naming another folder. */
    public static final String ENV = "NN_FASHION_MNIST";
    /** The four files, as Zalando distributes them. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    /** Epochs of the full run. */
    public static final int EPOCHS = 10;
    /** The seed of the initial weights and the shuffling. */
    public static final long SEED = 0;
    /** The class names by label, from the data set's documentation. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * What training achieved.
     *
     * @param test    loss and accuracy on the 10,000 test images
     * @param history the metrics of every epoch
     * @param seconds the wall-clock time of training (reading the files excluded)
     */
    public record Result(Evaluation test, List<EpochMetrics> history, double seconds) {
    }

    private FashionMnist() {
    }

    /**
     * The data folder: {@code args[0]} when given, else {@code env[NN_FASHION_MNIST]} when set and not
     * empty, else {@value #DEFAULT_DIR}.
     */
    public static Path dataDir(String[] args, Map<String, String> env) {
        if (args.length > 0) {
            return Path.of(args[0]);
        }
        String fromEnv = env.get(ENV);
        return Path.of(fromEnv != null && !fromEnv.isEmpty() ? fromEnv : DEFAULT_DIR);
    }

    /** The first of the four files missing from {@code dir}, or {@code null} when all are there. */
    public static String missingFile(Path dir) {
        return FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).findFirst().orElse(null);
    }

    /** Trains for {@code epochs} epochs on the data in {@code dir} and evaluates on its test images. */
    public static Result train(Path dir, int epochs, PluginRegistry registry, TrainingListener... listeners)
            throws IOException {
        Ops.warmUp(); // the kernel compiles while the files are read
        LabelledData train = IdxData.read(dir.resolve(FILES.get(0)), dir.resolve(FILES.get(1)));
        LabelledData test = IdxData.read(dir.resolve(FILES.get(2)), dir.resolve(FILES.get(3)));
        long start = System.nanoTime();
        Normalization standard = Normalization.fit("standard", train.dataset().features()); // training images only
        standard.apply(train.dataset().features());
        standard.apply(test.dataset().features());
        Sequential model = Mlp.of(registry, new SplittableRandom(SEED), "relu", 784, 256, 128, 10);
        Loss crossEntropy = registry.loss("cross_entropy", Hyperparameters.empty());
        Optimizer adam = registry.optimizer("adam", model.parameters(), Hyperparameters.of("lr", 1e-3));
        Trainer trainer = new Trainer(model, crossEntropy, adam,
                TrainingConfig.builder().epochs(epochs).batchSize(128).seed(SEED)
                        .schedule(registry.schedule("cosine", Hyperparameters.of("tMax", epochs))).build());
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        List<EpochMetrics> history = trainer.fit(train.dataset());
        Evaluation result = trainer.evaluate(test.dataset());
        return new Result(result, history, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs the example as {@link #main} does, writing to {@code out} and {@code err}.
     *
     * @return the exit status: 0 after training, 2 when the data is missing
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws IOException {
        Path dir = dataDir(args, env);
        String missing = missingFile(dir);
        if (missing != null) {
            err.println("Fashion-MNIST is not in " + dir + " (" + missing + " is missing). Install it with"
                    + " 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu, into " + DEFAULT_DIR + "), or download"
                    + " the four files from https://github.com/zalandoresearch/fashion-mnist and pass their folder as"
                    + " the first argument or in $" + ENV + ".");
            return 2;
        }
        out.println("Fashion-MNIST from " + dir + ": MLP 784-256-128-10 (ReLU), Adam lr 1e-3 with cosine decay,"
                + " batch 128, " + EPOCHS + " epochs");
        Result r = train(dir, EPOCHS, Plugins.registry(), new ProgressPrinter(out, EPOCHS, 1));
        out.printf(Locale.ROOT, "test accuracy %.4f on %d images (test loss %.4f), trained in %.1f s%n",
                r.test().accuracy().orElseThrow(), r.test().samples(), r.test().loss(), r.seconds());
        return 0;
    }

    /** Trains and prints the test accuracy; exits 2 when the data is missing. */
    public static void main(String[] args) throws IOException {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }
}
