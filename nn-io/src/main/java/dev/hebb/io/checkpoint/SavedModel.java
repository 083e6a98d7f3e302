package dev.hebb.io.checkpoint;

import dev.hebb.io.config.RunConfig;
import dev.hebb.layer.Sequential;
import dev.hebb.tensor.Tensor;

/**
 * A model loaded from a model directory, with everything saved beside its weights.
 *
 * @param config     the config the model was trained with
 * @param model      the model, its weights loaded
 * @param data       column names, class names and normalisation
 * @param provenance who wrote it, when, with which plugins
 * @param progress   the training counters of a checkpoint, or {@code null} for a final model
 */
public record SavedModel(RunConfig config, Sequential model, DataInfo data, Provenance provenance, Progress progress) {

    /**
     * The model's output for raw features {@code [n, ...]}: the saved normalisation is applied to a copy
     * first, exactly as in training. The result is a copy the caller owns.
     *
     * <p>Safe to call from several threads: calls take turns on the model, whose layers reuse their buffers
     * (see {@link Sequential}). For predictions in parallel, load one model per thread.
     */
    public Tensor predict(Tensor features) {
        Tensor x = features;
        if (data.normalization() != null) {
            x = features.copy();
            data.normalization().apply(x);
        }
        synchronized (model) {
            return model.predict(x);
        }
    }
}
