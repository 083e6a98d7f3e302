package dev.hebb.train;

import dev.hebb.optim.LearningRateSchedule;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a {@link Trainer} runs: epochs, batch size, shuffling, the validation split, gradient clipping and
 * the learning-rate schedule. Immutable; built fluently, each value checked when it is set:
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder().epochs(20).batchSize(64).seed(7)
 *         .validationFraction(0.1).clipGradNorm(1.0).build();
 * }</pre>
 *
 * <p>Defaults: 1 epoch, batch size 32, shuffled with seed 0, no validation split, no clipping, no
 * schedule.
 */
public final class TrainingConfig {

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final double validationFraction;
    private final double clipGradNorm;
    private final double clipGradValue;
    private final LearningRateSchedule schedule;

    private TrainingConfig(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.validationFraction = b.validationFraction;
        this.clipGradNorm = b.clipGradNorm;
        this.clipGradValue = b.clipGradValue;
        this.schedule = b.schedule;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.shuffle = shuffle;
        b.seed = seed;
        b.validationFraction = validationFraction;
        b.clipGradNorm = clipGradNorm;
        b.clipGradValue = clipGradValue;
        b.schedule = schedule;
        return b;
    }

    /** The number of passes over the training data. */
    public int epochs() {
        return epochs;
    }

    /** Samples per mini-batch; the last batch of an epoch holds the remainder. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether each epoch visits the training samples in a fresh order (a function of seed and epoch only). */
    public boolean shuffle() {
        return shuffle;
    }

    /** The seed of the shuffling and of the validation split. */
    public long seed() {
        return seed;
    }

    /** The fraction of the data held out for validation (0: none). */
    public double validationFraction() {
        return validationFraction;
    }

    /** The maximal joint L2 norm of the gradients, if clipping by norm. */
    public OptionalDouble clipGradNorm() {
        return clipGradNorm > 0 ? OptionalDouble.of(clipGradNorm) : OptionalDouble.empty();
    }

    /** The bound of every gradient element, if clipping by value. */
    public OptionalDouble clipGradValue() {
        return clipGradValue > 0 ? OptionalDouble.of(clipGradValue) : OptionalDouble.empty();
    }

    /** The learning-rate schedule, applied at the start of each epoch, if any. */
    public Optional<LearningRateSchedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    @Override
    public String toString() {
        return "TrainingConfig[epochs=" + epochs + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed
                + ", validationFraction=" + validationFraction + ", clipGradNorm=" + clipGradNorm()
                + ", clipGradValue=" + clipGradValue() + ", schedule=" + schedule + "]";
    }

    /** Sets the values of a {@link TrainingConfig}; each setter rejects a bad value at once. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed;
        private double validationFraction;
        private double clipGradNorm;
        private double clipGradValue;
        private LearningRateSchedule schedule;

        private Builder() {
        }

        /** The number of epochs, at least 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The mini-batch size, at least 1. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to shuffle the training samples every epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed of the shuffling and the validation split (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The fraction of samples held out for validation, in {@code [0, 1)} (default 0: none). */
        public Builder validationFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /** Clips the joint gradient norm to {@code maxNorm} (positive) before each step. */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("clipGradNorm must be a positive finite number, got " + maxNorm);
            }
            this.clipGradNorm = maxNorm;
            return this;
        }

        /**
         * Clamps every gradient element to {@code ±clipValue} (positive) before each step; with
         * {@link #clipGradNorm} too, values are clamped first, then the norm is clipped.
         */
        public Builder clipGradValue(double clipValue) {
            if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
                throw new IllegalArgumentException("clipGradValue must be a positive finite number, got " + clipValue);
            }
            this.clipGradValue = clipValue;
            return this;
        }

        /** The schedule setting the learning rate at the start of each epoch, or {@code null} for none. */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The configuration. */
        public TrainingConfig build() {
            return new TrainingConfig(this);
        }
    }
}
