package dev.hebb.io.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The data part of a run config. Paths are resolved against the config file's folder.
 * <pre>
 * "data": {"train": "iris.csv", "test": "iris-test.csv", "targets": ["species"], "normalize": "standard"}
 * "data": {"train": {"features": "train-images-idx3-ubyte.gz", "targets": "train-labels-idx1-ubyte.gz"}}
 * "data": {"train": "digits.csv.gz", "targets": ["digit"], "testSplit": 0.2}
 * </pre>
 * {@code testSplit} holds out a fraction of the training file as the test set, chosen by the training
 * seed, for data that ships as one file; it excludes {@code test}. The validation split, if any, is then
 * taken from the rest.
 *
 * @param train     the training data
 * @param test      the test data, or {@code null}
 * @param targets   the target columns of CSV files (empty for IDX and NumPy)
 * @param normalize {@code "standard"}, {@code "minmax"} or {@code null} for none
 * @param testSplit the fraction of {@code train} held out as the test set, in [0, 1); 0 for none
 */
public record DataSpec(Source train, Source test, List<String> targets, String normalize, double testSplit) {

    /**
     * Where samples come from: a CSV file holding features and target columns ({@code targets == null}),
     * or a features file and a targets file (.npy arrays or IDX images and labels).
     *
     * @param features the CSV file, .npy features or IDX images
     * @param targets  the .npy targets or IDX labels; {@code null} for CSV
     */
    public record Source(Path features, Path targets) {

        /** Checks that the features file is given. */
        public Source {
            Objects.requireNonNull(features, "features");
        }
    }

    /** Copies the target list and checks the test split. */
    public DataSpec {
        Objects.requireNonNull(train, "train");
        targets = List.copyOf(targets);
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("testSplit must be in [0, 1), got " + testSplit);
        }
        if (testSplit > 0 && test != null) {
            throw new IllegalArgumentException("give either a test file or a testSplit (" + testSplit + "), not both");
        }
    }

    /** Data without a test split. */
    public DataSpec(Source train, Source test, List<String> targets, String normalize) {
        this(train, test, targets, normalize, 0);
    }
}
