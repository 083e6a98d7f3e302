package dev.hebb.io.checkpoint;

import dev.hebb.io.data.LabelledData;
import dev.hebb.io.data.Normalization;
import java.util.List;
import java.util.Objects;

/**
 * What a saved model needs to read new data the way its training data was read and to print its
 * predictions: the feature and target columns, the class names (index = class id) and the feature
 * normalisation fitted on the training split.
 *
 * @param featureNames  the feature columns, in order (empty for IDX and NumPy data)
 * @param targetNames   the target columns
 * @param classNames    class names by id; empty when the classes were numeric ids or the targets values
 * @param normalization   the transform applied to features before the model, or {@code null} for none
 * @param featureEncoding how the training features were stored in their files
 */
public record DataInfo(List<String> featureNames, List<String> targetNames, List<String> classNames, Normalization normalization,
                       FeatureEncoding featureEncoding) {

    /** No column names, no classes, no normalisation. */
    public static final DataInfo NONE = new DataInfo(List.of(), List.of(), List.of(), null);

    /**
     * How features were stored in the training files. New data must be stored alike: unsigned bytes are read as
     * pixels (divided by 255), so bytes given to a model trained on values would be predicted on silently wrong.
     */
    public enum FeatureEncoding {
        /** Numbers taken as written: CSV cells, float, int32 or int64 {@code .npy}. */
        VALUES,
        /** Unsigned bytes scaled by 1/255: IDX images, uint8 {@code .npy}. */
        PIXELS,
        /** Not recorded: a model saved before Hebb recorded it, or described in Java without it. */
        UNKNOWN
    }

    /** Copies the lists. */
    public DataInfo {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(featureEncoding, "featureEncoding");
    }

    /** A description whose feature encoding is {@link FeatureEncoding#UNKNOWN}. */
    public DataInfo(List<String> featureNames, List<String> targetNames, List<String> classNames, Normalization normalization) {
        this(featureNames, targetNames, classNames, normalization, FeatureEncoding.UNKNOWN);
    }

    /** The names and classes of {@code data}, with {@code normalization} (may be {@code null}) and {@code encoding}. */
    public static DataInfo of(LabelledData data, Normalization normalization, FeatureEncoding encoding) {
        return new DataInfo(data.featureNames(), data.targetNames(), data.classNames(), normalization, encoding);
    }
}
