package dev.hebb.losses;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;

/** How a loss turns its per-element (or per-sample) terms into one number, as PyTorch's {@code reduction}. */
enum Reduction {
    /** Divide the sum by the number of terms. */
    MEAN("mean"),
    /** The plain sum. */
    SUM("sum"),
    /** Divide the sum by the batch size ({@code kl_div} only: the true KL divergence per sample). */
    BATCHMEAN("batchmean");

    final String id;

    Reduction(String id) {
        this.id = id;
    }

    /** The {@code reduction} hyperparameter with default {@code "mean"}. */
    static HyperparameterSpec spec() {
        return spec("mean");
    }

    /** The {@code reduction} hyperparameter with the given default. */
    static HyperparameterSpec spec(String defaultValue) {
        return HyperparameterSpec.string("reduction", defaultValue, "\"mean\" or \"sum\" of the per-element losses");
    }

    /** Reads {@code reduction} from {@code h}; {@code batchmean} only when {@code allowBatchmean}. */
    static Reduction of(String loss, Hyperparameters h, String defaultValue, boolean allowBatchmean) {
        String value = h.getString("reduction", defaultValue);
        for (Reduction r : values()) {
            if (r.id.equals(value) && (r != BATCHMEAN || allowBatchmean)) {
                return r;
            }
        }
        throw new IllegalArgumentException(loss + ": reduction must be \"mean\" or \"sum\""
                + (allowBatchmean ? " or \"batchmean\"" : "") + ", got \"" + value + "\"");
    }

    /** The factor applied to the sum: 1/terms for mean, 1/batch for batchmean, 1 for sum. */
    double scale(long terms, int batch) {
        return switch (this) {
            case MEAN -> 1.0 / terms;
            case SUM -> 1.0;
            case BATCHMEAN -> 1.0 / batch;
        };
    }
}
