package dev.hebb.train;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Stops training when the monitored loss has not improved for {@code patience} epochs, as Keras'
 * {@code EarlyStopping}. It monitors the validation loss when there is one, else the training loss; an
 * epoch improves when its loss is below the best so far by more than {@code minDelta}.
 *
 * <p>Created with {@link #EarlyStopping(int, double)} it only stops training: the model keeps the weights of
 * the last epoch trained, not those of {@link #bestEpoch()} (as Keras' default, {@code restore_best_weights=False}).
 * With patience {@code p}, the weights when it stops are {@code p} epochs past the best ones.
 *
 * <p>Created with {@link #restoringBest(int, double, Layer)} (Keras' {@code restore_best_weights=True}) it also
 * copies the model's parameters and its buffers ({@link Layer#buffers()}: a batch norm's running statistics belong
 * to the weights they were gathered with), at the end of each epoch that improves, into buffers allocated once with it,
 * and copies them back when training ends: when it stops the run, and when the trainer has run every epoch.
 * The model then holds, bit for bit, the weights it had after {@link #bestEpoch()}. Nothing is copied per
 * batch. A run stopped by another listener (an interruption, to be resumed) keeps its last weights.
 *
 * <p>Its {@link #state()} (with {@link #bestWeights()} when it restores them) belongs in a checkpoint: a run
 * resumed with {@link #restore(State)} or {@link #restore(State, List)} stops at the same epoch, and ends with
 * the same weights, as one that never stopped.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;
    /**
     * The tensors whose best values are restored (the parameters' values, then the buffers), or {@code null} when
     * this only stops training.
     */
    private final List<Tensor> tracked;
    /** What each of {@link #tracked} is, for messages: "parameter 'weight'", "buffer '1.running_mean'". */
    private final List<String> trackedNames;
    /** The tracked tensors' values after {@link #bestEpoch}, one copy per tensor, allocated once. */
    private final List<Tensor> bestValues;
    /** Whether training has ended with the best weights copied back into the parameters. */
    private boolean weightsRestored;

    /**
     * Stops after {@code patience} epochs (at least 1) without an improvement larger than
     * {@code minDelta} (at least 0).
     */
    public EarlyStopping(int patience, double minDelta) {
        this(patience, minDelta, null);
    }

    private EarlyStopping(int patience, double minDelta, Layer model) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping minDelta must be a finite number >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        if (model == null) {
            this.tracked = null;
            this.trackedNames = List.of();
            this.bestValues = List.of();
        } else {
            List<Tensor> tensors = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                tensors.add(p.value());
                names.add("parameter '" + p.name() + "'");
            }
            model.buffers().forEach((name, b) -> {
                tensors.add(b);
                names.add("buffer '" + name + "'");
            });
            List<Tensor> copies = new ArrayList<>(tensors.size());
            for (Tensor t : tensors) {
                copies.add(Tensor.zeros(t.shape()));
            }
            this.tracked = List.copyOf(tensors);
            this.trackedNames = List.copyOf(names);
            this.bestValues = Collections.unmodifiableList(copies);
        }
    }

    /**
     * Early stopping as {@link #EarlyStopping(int, double)} that also restores the best weights (Keras'
     * {@code restore_best_weights=True}): when training ends, {@code model}'s parameters and buffers hold their values
     * after {@link #bestEpoch()}. It keeps one copy of them, allocated here.
     */
    public static EarlyStopping restoringBest(int patience, double minDelta, Layer model) {
        return new EarlyStopping(patience, minDelta, Objects.requireNonNull(model, "model"));
    }

    /**
     * What early stopping remembers between epochs.
     *
     * @param bestLoss                  the best monitored loss so far (+∞ before the first epoch)
     * @param bestEpoch                 its epoch, or −1 before the first epoch
     * @param epochsWithoutImprovement  epochs since then
     */
    public record State(double bestLoss, int bestEpoch, int epochsWithoutImprovement) {

        /** Validates the counters. */
        public State {
            if (bestEpoch < -1 || epochsWithoutImprovement < 0 || Double.isNaN(bestLoss)) {
                throw new IllegalArgumentException("early stopping state needs bestEpoch >= -1, epochsWithoutImprovement"
                        + " >= 0 and a bestLoss that is a number, got " + bestLoss + ", " + bestEpoch + ", "
                        + epochsWithoutImprovement);
            }
        }
    }

    /** The patience, in epochs. */
    public int patience() {
        return patience;
    }

    /** The smallest decrease that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** Whether it restores the best weights when training ends ({@link #restoringBest}). */
    public boolean restoresBest() {
        return tracked != null;
    }

    /**
     * The parameters' values after {@link #bestEpoch()}, in the order of the model's parameters, followed by its
     * buffers' values then, in the order of {@link Layer#buffers()}, to save with a
     * checkpoint of a run that restores them; empty when it does not restore them or before the first epoch. These
     * are its own buffers, overwritten at the next improvement: copy them to keep them.
     */
    public List<Tensor> bestWeights() {
        return bestEpoch >= 0 ? bestValues : List.of();
    }

    /**
     * Whether training ended with the best weights copied back into the model, so that it now holds those of
     * {@link #bestEpoch()} rather than those of the last epoch trained.
     */
    public boolean weightsRestored() {
        return weightsRestored;
    }

    /** What this listener remembers now, to save with a checkpoint. */
    public State state() {
        return new State(best, bestEpoch, epochsWithoutImprovement);
    }

    /**
     * Continues from a saved {@link #state()}.
     *
     * @throws IllegalArgumentException when this restores the best weights and the state has a best epoch: its
     *                                  weights are needed too, through {@link #restore(State, List)}
     */
    public void restore(State state) {
        restore(state, List.of());
    }

    /**
     * Continues from a saved {@link #state()} and, when this restores the best weights, the saved
     * {@link #bestWeights()} (copied into its buffers; empty when the state has no best epoch yet).
     *
     * @throws IllegalArgumentException when the weights are missing, superfluous, or do not have the shapes of the
     *                                  model's parameters and buffers
     */
    public void restore(State state, List<Tensor> bestWeights) {
        int expected = restoresBest() && state.bestEpoch() >= 0 ? bestValues.size() : 0;
        if (bestWeights.size() != expected) {
            throw new IllegalArgumentException(expected > 0
                    ? "early stopping that restores the best weights needs the " + expected + " tensors of the best epoch ("
                    + state.bestEpoch() + ") with its state, got " + bestWeights.size()
                    : "early stopping takes no weights with " + (restoresBest() ? "a state before the first epoch"
                    : "its state when it does not restore the best weights") + ", got " + bestWeights.size() + " tensors");
        }
        for (int i = 0; i < expected; i++) {
            if (!Arrays.equals(bestWeights.get(i).shape(), bestValues.get(i).shape())) {
                throw new IllegalArgumentException("best weight " + i + " has shape "
                        + Arrays.toString(bestWeights.get(i).shape()) + " but the model's "
                        + trackedNames.get(i) + " has shape " + Arrays.toString(bestValues.get(i).shape()));
            }
        }
        for (int i = 0; i < expected; i++) {
            bestValues.get(i).copyFrom(bestWeights.get(i));
        }
        best = state.bestLoss();
        bestEpoch = state.bestEpoch();
        epochsWithoutImprovement = state.epochsWithoutImprovement();
        weightsRestored = false;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        double monitored = metrics.validationLoss().orElse(metrics.trainLoss());
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = metrics.epoch();
            epochsWithoutImprovement = 0;
            if (tracked != null) {
                // Once per improving epoch, into the copies allocated with this listener: no per-batch cost.
                for (int i = 0; i < bestValues.size(); i++) {
                    bestValues.get(i).copyFrom(tracked.get(i));
                }
            }
        } else {
            epochsWithoutImprovement++;
        }
    }

    /**
     * Restores the best weights when this listener restores them and training is over: every epoch ran, or this
     * listener stopped it. A stop that only another listener asked for (an interruption) leaves the last weights,
     * as a run to be resumed from its checkpoint must continue from them.
     */
    @Override
    public void onTrainingEnd(boolean allEpochsTrained) {
        if (tracked != null && bestEpoch >= 0 && (allEpochsTrained || stopRequested())) {
            for (int i = 0; i < bestValues.size(); i++) {
                tracked.get(i).copyFrom(bestValues.get(i));
            }
            weightsRestored = true;
        }
    }

    @Override
    public boolean stopRequested() {
        return epochsWithoutImprovement >= patience;
    }

    /** The best monitored loss seen, or +∞ before the first epoch. */
    public double bestLoss() {
        return best;
    }

    /** The epoch of the best monitored loss, or −1 before the first epoch. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
