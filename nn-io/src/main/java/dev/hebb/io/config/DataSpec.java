package dev.hebb.io.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The data part of a run config. Paths are resolved against the config file's folder.
 * <pre>
 * "data": {"train": "iris.csv", "test": "iris-test.csv", "targets": ["species"], "normalize": "standard"}
 * "data": {"train": {"features": "train-images-idx3-ubyte.gz", "targets": "train-labels-idx1-ubyte.gz"}}
 * </pre>
 *
 * @param train     the training data
 * @param test      the test data, or {@code null}
 * @param targets   the target columns of CSV files (empty for IDX and NumPy)
 * @param normalize {@code "standard"}, {@code "minmax"} or {@code null} for none
 */
public record DataSpec(Source train, Source test, List<String> targets, String normalize) {

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

    /** Copies the target list. */
    public DataSpec {
        Objects.requireNonNull(train, "train");
        targets = List.copyOf(targets);
    }
}
