package dev.hebb.io.checkpoint;

import dev.hebb.io.data.LabelledData;
import dev.hebb.io.data.Normalization;
import java.util.List;

/**
 * What a saved model needs to read new data the way its training data was read and to print its
 * predictions: the feature and target columns, the class names (index = class id) and the feature
 * normalisation fitted on the training split.
 *
 * @param featureNames  the feature columns, in order (empty for IDX and NumPy data)
 * @param targetNames   the target columns
 * @param classNames    class names by id; empty when the classes were numeric ids or the targets values
 * @param normalization the transform applied to features before the model, or {@code null} for none
 */
public record DataInfo(List<String> featureNames, List<String> targetNames, List<String> classNames, Normalization normalization) {

    /** No column names, no classes, no normalisation. */
    public static final DataInfo NONE = new DataInfo(List.of(), List.of(), List.of(), null);

    /** Copies the lists. */
    public DataInfo {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classNames = List.copyOf(classNames);
    }

    /** The names and classes of {@code data}, with {@code normalization} (may be {@code null}). */
    public static DataInfo of(LabelledData data, Normalization normalization) {
        return new DataInfo(data.featureNames(), data.targetNames(), data.classNames(), normalization);
    }
}
