package dev.hebb.io.config;

/**
 * The training part of a run config. Defaults (when a key is absent): 10 epochs, batch size 32,
 * shuffle on, seed 0, no gradient clipping, no validation split, no early stopping.
 *
 * @param epochs          passes over the training data, at least 1
 * @param batchSize       samples per update, at least 1
 * @param shuffle         whether each epoch visits the samples in a new order (a pure function of seed and epoch)
 * @param seed            seeds weight initialisation and shuffling
 * @param clipGradNorm    the maximum global L2 norm of the gradient, as {@code torch.nn.utils.clip_grad_norm_};
 *                        0 for no clipping
 * @param clipGradValue   the largest absolute value of any gradient element, as
 *                        {@code torch.nn.utils.clip_grad_value_}; 0 for no clipping
 * @param validationSplit the fraction of the training file held out for validation, in [0, 1)
 * @param earlyStopping   when to stop before {@code epochs}, or {@code null} to always train every epoch
 */
public record TrainingSpec(int epochs, int batchSize, boolean shuffle, long seed, double clipGradNorm, double clipGradValue,
                           double validationSplit, EarlyStoppingSpec earlyStopping) {

    /** The defaults listed above. */
    public static final TrainingSpec DEFAULTS = new TrainingSpec(10, 32, true, 0, 0, 0);

    /** A spec without clipping by value and without early stopping. */
    public TrainingSpec(int epochs, int batchSize, boolean shuffle, long seed, double clipGradNorm, double validationSplit) {
        this(epochs, batchSize, shuffle, seed, clipGradNorm, 0, validationSplit, null);
    }

    /** Validates the ranges. */
    public TrainingSpec {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
            throw new IllegalArgumentException("clipGradNorm must be a finite number >= 0 (0 = off), got " + clipGradNorm);
        }
        if (!(clipGradValue >= 0) || Double.isInfinite(clipGradValue)) {
            throw new IllegalArgumentException("clipGradValue must be a finite number >= 0 (0 = off), got " + clipGradValue);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + validationSplit);
        }
    }

    /** This spec with {@code epochs} epochs. */
    public TrainingSpec withEpochs(int epochs) {
        return new TrainingSpec(epochs, batchSize, shuffle, seed, clipGradNorm, clipGradValue, validationSplit, earlyStopping);
    }

    /** This spec with seed {@code seed}. */
    public TrainingSpec withSeed(long seed) {
        return new TrainingSpec(epochs, batchSize, shuffle, seed, clipGradNorm, clipGradValue, validationSplit, earlyStopping);
    }
}
