package dev.hebb.examples;

import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.util.Locale;

/**
 * Handwritten digits (the UCI optical digits, 8×8 images, 1,797 samples, shipped in
 * {@code examples/data/digits.csv.gz}): an MLP 64 → 128 → 10 with ReLU and Adam; 20% of the samples,
 * chosen by a fixed seed, are held out and classified with an accuracy of at least 0.97.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.Digits [digits.csv.gz]
 * ./nn train examples/digits-mlp.json
 * </pre>
 */
public final class Digits {

    /** The training recipe. */
    public static final CsvClassifier.Settings SETTINGS =
            new CsvClassifier.Settings("relu", new int[] {128}, "adam", 1e-3, 30, 32, 0, 0.2);

    private Digits() {
    }

    /** Trains and prints the test accuracy; the first argument, if any, is the CSV file. */
    public static void main(String[] args) throws IOException {
        // Columns p0..p63 are the 8x8 pixels (0-16), column "digit" the class.
        CsvClassifier.Result r = CsvClassifier.train(ExampleData.fileOrArgument(args, "digits.csv.gz"), "digit", SETTINGS,
                Plugins.registry(), new ProgressPrinter(System.out, SETTINGS.epochs(), 5));
        System.out.printf(Locale.ROOT, "test accuracy %.4f on %d held-out digits (test loss %.4f)%n",
                r.test().accuracy().orElseThrow(), r.test().samples(), r.test().loss());
    }
}
