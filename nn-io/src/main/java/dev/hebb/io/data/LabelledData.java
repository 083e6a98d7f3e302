package dev.hebb.io.data;

import dev.hebb.train.Dataset;
import java.util.List;

/**
 * A dataset as read from files, with what is needed to read more data the same way and to print
 * predictions: feature names (CSV columns; empty for IDX and NumPy), target names and, for class
 * labels given as strings, the class names (index = class id; empty when ids were given as numbers).
 *
 * @param dataset      the features and targets
 * @param featureNames the feature columns, in order
 * @param targetNames  the target columns, in order
 * @param classNames   class names by id, sorted; empty when the file gave numeric ids or values
 */
public record LabelledData(Dataset dataset, List<String> featureNames, List<String> targetNames, List<String> classNames) {

    /** Copies the lists. */
    public LabelledData {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classNames = List.copyOf(classNames);
    }
}
