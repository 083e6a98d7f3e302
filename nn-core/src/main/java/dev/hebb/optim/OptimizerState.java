package dev.hebb.optim;

import dev.hebb.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state: tensors named {@code <parameter index>.<buffer>} (e.g. {@code 0.exp_avg},
 * PyTorch's buffer names) and scalars (e.g. {@code 0.step}, {@code lr}, and {@code initial_lr} once a
 * schedule's base rate is recorded: {@link Optimizer#initialLearningRate()}). Snapshots are deep copies.
 *
 * @param tensors the per-parameter buffers
 * @param scalars counters and scalar settings
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, Double> scalars) {

    /**
     * Copies both maps (and every tensor) so the state cannot change behind its owner's back.
     *
     * @throws IllegalArgumentException for a null name or value, which {@link #scalar} or an optimizer's
     *                                  {@code loadState} would otherwise meet as a NullPointerException
     */
    public OptimizerState {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> t.put(checkEntry("tensor", k, v), v.copy()));
        scalars.forEach((k, v) -> checkEntry("scalar", k, v));
        tensors = java.util.Collections.unmodifiableMap(t);
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    private static String checkEntry(String kind, String key, Object value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("optimizer state " + kind + " '" + key + "' has " + (key == null
                    ? "no name" : "no value") + "; every entry needs both");
        }
        return key;
    }

    /** The tensor named {@code key}; fails with a sentence naming the key when it is absent. */
    public Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("optimizer state has no tensor '" + key + "'; it has " + tensors.keySet());
        }
        return t;
    }

    /** The scalar named {@code key}; fails with a sentence naming the key when it is absent. */
    public double scalar(String key) {
        Double v = scalars.get(key);
        if (v == null) {
            throw new IllegalArgumentException("optimizer state has no scalar '" + key + "'; it has " + scalars.keySet());
        }
        return v;
    }
}
