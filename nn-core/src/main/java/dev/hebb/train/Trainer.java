package dev.hebb.train;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.loss.Loss;
import dev.hebb.optim.GradientClipping;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.optim.Optimizer;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Trains a model with mini-batch gradient descent. Each batch runs, in this order,
 * {@code optimizer.zeroGrad()}, {@code model.forward}, {@code loss.valueAndGradient}, {@code model.backward}
 * (without the model's input gradient, which training never uses), the configured gradient clipping and
 * {@code optimizer.step()}. The trainer knows only these interfaces.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, loss, optimizer, TrainingConfig.builder().epochs(10).build());
 * List<EpochMetrics> history = trainer.fit(train, test);
 * Evaluation result = trainer.evaluate(test);
 * }</pre>
 *
 * <p><b>Reproducibility.</b> The order of epoch {@code e} is a pure function of the seed and {@code e};
 * the validation split is a pure function of the seed; a schedule is a function of the epoch. Training
 * resumed with {@link #fit(Dataset, Dataset, int)} from epoch {@code k}, on a model and optimizer
 * restored to their state after epoch {@code k − 1}, therefore gives bitwise the same result as a run
 * that never stopped. The base learning rate a schedule scales is the optimizer's
 * {@link Optimizer#initialLearningRate()} (PyTorch's {@code initial_lr}): the first trainer with a
 * schedule records the optimizer's learning rate then, the optimizer's state carries it, and every
 * later trainer reads it at each epoch. Restoring the state before or after creating the trainer, or
 * training on with a second trainer over the same optimizer, therefore schedules from the rate the run
 * started with, never from a rate the schedule already reduced. (An optimizer that does not keep
 * {@code initial_lr} is scheduled from its learning rate when the trainer was created.)
 *
 * <p>A batch whose loss is not finite stops training with a {@link NonFiniteLossException} before its
 * backward pass. Losses are taken to be means over the batch unless the loss's {@code reduction}
 * hyperparameter is {@code "sum"}; reported losses are always means over samples.
 *
 * <p>Features and targets of a batch are gathered into buffers allocated once per shape and reused, two
 * sets of them ({@link Batches}), so that the other kernel threads gather the next batch in their idle
 * moments of the current step. Not thread-safe.
 */
public final class Trainer {

    /** Stream constants separating the shuffling and the validation split drawn from one seed. */
    private static final long SHUFFLE_STREAM = 0x243F6A8885A308D3L;
    private static final long VALIDATION_STREAM = 0x13198A2E03707344L;

    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    /**
     * The optimizer's learning rate when this trainer was created: the base rate of a schedule for an
     * optimizer that does not keep {@link Optimizer#initialLearningRate()}.
     */
    private final double creationLearningRate;
    private final boolean lossIsSum;
    private final List<TrainingListener> listeners = new ArrayList<>();
    /** The batches of the last data set trained or evaluated on, kept for their buffers. */
    private Batches trainBatches;
    private Batches evaluationBatches;
    private final BufferCache gradientBuffers = new BufferCache();

    /**
     * A trainer of {@code model} minimising {@code loss} with {@code optimizer} (created over the
     * model's parameters, or over some of them to train only those) as {@code config} says.
     *
     * @throws IllegalArgumentException if the model has parameters and the optimizer updates none of them
     *     (an optimizer created over another model would make training do nothing)
     */
    public Trainer(Layer model, Loss loss, Optimizer optimizer, TrainingConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.config = Objects.requireNonNull(config, "config");
        List<Parameter> own = model.parameters();
        if (!own.isEmpty() && Collections.disjoint(identities(own), identities(optimizer.parameters()))) {
            throw new IllegalArgumentException("the optimizer updates none of the model's " + own.size()
                    + " parameters; create it over model.parameters() (it was created over other parameters, e.g."
                    + " another model's)");
        }
        this.creationLearningRate = optimizer.learningRate();
        // As PyTorch's schedulers do with setdefault('initial_lr', lr): a rate already recorded (by an earlier
        // trainer, or in a restored state) is the run's base and stays.
        if (config.schedule().isPresent() && optimizer.initialLearningRate().isEmpty()) {
            optimizer.setInitialLearningRate(creationLearningRate);
        }
        this.lossIsSum = "sum".equals(loss.hyperparameters().asMap().get("reduction"));
    }

    /** How many of the model's parameter values are NaN or infinite. */
    private long nonFiniteParameterValues() {
        long count = 0;
        for (Parameter p : model.parameters()) {
            for (float v : p.value().data()) {
                if (!Float.isFinite(v)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The parameters as a set by identity (two parameters with equal values are still two). */
    private static Set<Parameter> identities(List<Parameter> parameters) {
        Set<Parameter> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(parameters);
        return set;
    }

    /** Adds a listener; listeners are called in the order they were added. Returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * The learning rate a schedule scales: the optimizer's {@link Optimizer#initialLearningRate()}, read now
     * (a state restored after this trainer was created brings its own), or, when the optimizer keeps none,
     * its learning rate when this trainer was created.
     */
    public double baseLearningRate() {
        return optimizer.initialLearningRate().orElse(creationLearningRate);
    }

    /** Trains for all epochs, validating on the configured fraction of {@code train} if any. */
    public List<EpochMetrics> fit(Dataset train) {
        return fit(train, null, 0);
    }

    /**
     * Trains for all epochs, validating after each on {@code validation} ({@code null}: the configured
     * fraction of {@code train}, or none).
     */
    public List<EpochMetrics> fit(Dataset train, Dataset validation) {
        return fit(train, validation, 0);
    }

    /**
     * Runs epochs {@code fromEpoch} to {@code epochs − 1}, e.g. to resume from a checkpoint taken after
     * epoch {@code fromEpoch − 1}.
     *
     * @return the metrics of every completed epoch, in order
     * @throws IllegalArgumentException when {@code fromEpoch} is outside {@code [0, epochs]}, both a
     *                                  validation set and a validation fraction are given, the split leaves
     *                                  a side empty, or the model cannot take the samples' shape
     * @throws NonFiniteLossException   when a batch's loss is NaN or infinite
     */
    public List<EpochMetrics> fit(Dataset train, Dataset validation, int fromEpoch) {
        Objects.requireNonNull(train, "train");
        if (fromEpoch < 0 || fromEpoch > config.epochs()) {
            throw new IllegalArgumentException("fromEpoch must be between 0 and the " + config.epochs()
                    + " configured epochs, got " + fromEpoch);
        }
        if (validation != null && config.validationFraction() > 0) {
            throw new IllegalArgumentException("give either a validation set or a validation fraction ("
                    + config.validationFraction() + "), not both");
        }
        checkSamples(train, "training");
        int[] trainIndices;
        int[] validationIndices = null;
        Dataset validationData = validation;
        if (config.validationFraction() > 0) {
            int[][] split = split(train.size(), config.validationFraction(), config.seed());
            trainIndices = split[0];
            validationIndices = split[1];
            validationData = train;
        } else {
            trainIndices = identity(train.size());
            if (validation != null) {
                checkSamples(validation, "validation");
                if (!Arrays.equals(validation.sampleShape(), train.sampleShape())) {
                    throw new IllegalArgumentException("validation samples have shape "
                            + Arrays.toString(validation.sampleShape()) + " but training samples have shape "
                            + Arrays.toString(train.sampleShape()));
                }
                validationIndices = identity(validation.size());
            }
        }
        if (trainIndices.length == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }

        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = fromEpoch; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            applySchedule(epoch);
            double learningRate = optimizer.learningRate();
            int[] order = config.shuffle() ? shuffled(trainIndices, config.seed(), epoch) : trainIndices;
            trainBatches = batchesOf(trainBatches, train);
            trainBatches.start(order);
            int batches = trainBatches.count();
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch, batches, learningRate);
            }
            double lossSum = 0;
            long correct = 0;
            while (trainBatches.hasNext()) {
                Batches.Batch next = trainBatches.next();
                // The other kernel threads gather the next batch in their idle moments of this step (the
                // reference MLP's 2-thread epoch: 3% faster than gathering it at next(), and 1-2% more than
                // one thread copying it whole after the forward pass; bench/README).
                trainBatches.prefetch();
                int b = next.index();
                int rows = next.rows();
                Tensor y = next.targets();
                optimizer.zeroGrad();
                Tensor prediction = model.forward(next.features(), true);
                Tensor gradient = gradientBuffers.get(prediction.shape());
                double batchLoss = loss.valueAndGradient(prediction, y, gradient);
                if (!Double.isFinite(batchLoss)) {
                    throw new NonFiniteLossException(epoch, b, batchLoss, nonFiniteParameterValues());
                }
                if (loss.takesClassLabels()) {
                    correct += countCorrect(prediction, y, rows);
                }
                model.backward(gradient, false); // dLoss/dInput of the model is never used here
                clip();
                optimizer.step();
                lossSum += sampleSum(batchLoss, rows);
                BatchMetrics batch = new BatchMetrics(epoch, b, batches, rows, batchLoss);
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(batch);
                }
                if (stopRequested()) {
                    return end(history, false);
                }
            }
            Evaluation validated = validationIndices == null ? null : evaluate(validationData, validationIndices);
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / order.length,
                    loss.takesClassLabels() ? OptionalDouble.of((double) correct / order.length) : OptionalDouble.empty(),
                    validated == null ? OptionalDouble.empty() : OptionalDouble.of(validated.loss()),
                    validated == null ? OptionalDouble.empty() : validated.accuracy(),
                    learningRate, (System.nanoTime() - start) / 1e9);
            history.add(metrics);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(metrics);
            }
            if (stopRequested()) {
                return end(history, epoch + 1 == config.epochs());
            }
        }
        return end(history, true);
    }

    /** Tells the listeners that training ended, as {@link TrainingListener#onTrainingEnd}, and returns the history. */
    private List<EpochMetrics> end(List<EpochMetrics> history, boolean allEpochsTrained) {
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(allEpochsTrained);
        }
        return Collections.unmodifiableList(history);
    }

    /**
     * The mean loss (and accuracy, for losses over class labels) of the model on {@code data}, in
     * inference mode, in batches of the configured size.
     *
     * @throws IllegalArgumentException when {@code data} is empty or the model cannot take its samples
     */
    public Evaluation evaluate(Dataset data) {
        checkSamples(data, "evaluation");
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        return evaluate(data, identity(data.size()));
    }

    private Evaluation evaluate(Dataset data, int[] indices) {
        double lossSum = 0;
        long correct = 0;
        evaluationBatches = batchesOf(evaluationBatches, data);
        evaluationBatches.start(indices);
        while (evaluationBatches.hasNext()) {
            Batches.Batch next = evaluationBatches.next();
            evaluationBatches.prefetch();
            int rows = next.rows();
            Tensor y = next.targets();
            Tensor prediction = model.forward(next.features(), false);
            lossSum += sampleSum(loss.value(prediction, y), rows);
            if (loss.takesClassLabels()) {
                correct += countCorrect(prediction, y, rows);
            }
        }
        int n = indices.length;
        return new Evaluation(lossSum / n,
                loss.takesClassLabels() ? OptionalDouble.of((double) correct / n) : OptionalDouble.empty(), n);
    }

    /**
     * The indices of the samples trained on and held out for validation: a shuffle (a pure function of
     * {@code seed}) split after {@code round(n·fraction)} validation samples, each side sorted. Public so
     * that code preparing data (e.g. fitting a normalisation on the training side only) can hold out
     * exactly the samples the trainer would.
     *
     * @return {@code {trainIndices, validationIndices}}
     * @throws IllegalArgumentException when the split would leave a side empty
     */
    public static int[][] split(int n, double fraction, long seed) {
        int validation = (int) Math.round(n * fraction);
        if (validation < 1 || validation >= n) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + n + " samples leaves "
                    + (validation < 1 ? "no validation sample" : "no training sample"));
        }
        int[] order = identity(n);
        shuffle(order, new SplittableRandom(mix64(seed ^ VALIDATION_STREAM)));
        int[] held = Arrays.copyOfRange(order, 0, validation);
        int[] kept = Arrays.copyOfRange(order, validation, n);
        Arrays.sort(held);
        Arrays.sort(kept);
        return new int[][] {kept, held};
    }

    /** The visiting order of {@code indices} in epoch {@code epoch}: a pure function of seed and epoch. */
    static int[] shuffled(int[] indices, long seed, int epoch) {
        int[] order = indices.clone();
        shuffle(order, new SplittableRandom(mix64(mix64(seed ^ SHUFFLE_STREAM) + epoch)));
        return order;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Stafford's variant 13 finaliser: decorrelates seeds that differ in few bits (epoch 3 vs 4). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private void applySchedule(int epoch) {
        if (config.schedule().isEmpty()) {
            return;
        }
        LearningRateSchedule schedule = config.schedule().get();
        double base = baseLearningRate();
        double lr = schedule.learningRate(epoch, base);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the learning-rate schedule gave " + lr + " for epoch " + epoch
                    + " (base " + base + "); a learning rate must be a finite number >= 0");
        }
        optimizer.setLearningRate(lr);
    }

    private void clip() {
        if (config.clipGradValue().isPresent()) {
            GradientClipping.clipGradValue(optimizer.parameters(), config.clipGradValue().getAsDouble());
        }
        if (config.clipGradNorm().isPresent()) {
            GradientClipping.clipGradNorm(optimizer.parameters(), config.clipGradNorm().getAsDouble());
        }
    }

    private boolean stopRequested() {
        boolean stop = false;
        for (TrainingListener l : listeners) {
            stop |= l.stopRequested(); // every listener is asked, so each sees the same sequence of calls
        }
        return stop;
    }

    /** The batch's contribution to a sum over samples. */
    private double sampleSum(double batchLoss, int rows) {
        return lossIsSum ? batchLoss : batchLoss * rows;
    }

    /** Fails, before any batch, when the model cannot take the samples or their targets do not fit its outputs. */
    private void checkSamples(Dataset data, String role) {
        Objects.requireNonNull(data, role + " data");
        int[] output;
        try {
            output = model.outputShape(data.sampleShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the model cannot take the " + role + " samples of shape "
                    + Arrays.toString(data.sampleShape()) + ": " + e.getMessage(), e);
        }
        checkTargets(data, role, output);
    }

    /**
     * Fails, before any batch, when the targets do not fit the model's outputs: for a loss over values, targets of
     * another per-sample shape than the outputs (a validation set's were found only after an epoch of training);
     * for a loss over class labels and targets {@code [n]}, the first sample whose label is not a class id of the
     * outputs. The loss would find a label only at that sample's batch, after the batches before it were trained,
     * naming its row in the batch rather than in the data; and a loss that did not check would have the accuracy
     * count a label of NaN as class 0. A pass over the labels, once per call.
     */
    private void checkTargets(Dataset data, String role, int[] output) {
        if (!loss.takesClassLabels()) {
            int[] target = Arrays.copyOfRange(data.targets().shape(), 1, data.targets().rank());
            if (!Arrays.equals(target, output)) {
                throw new IllegalArgumentException(role + " targets have shape " + Arrays.toString(target) + " per sample, but "
                        + loss.name() + " takes targets of the model's output shape " + Arrays.toString(output));
            }
            return;
        }
        if (data.targets().rank() != 1 || output.length != 1) {
            return;
        }
        int classes = output[0];
        float[] labels = data.targets().data();
        for (int i = 0; i < labels.length; i++) {
            float v = labels[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException(role + " sample " + i + " has the class label " + v + ", but "
                        + loss.name() + " takes class ids of the model's " + classes + " outputs, 0 to " + (classes - 1));
            }
        }
    }

    /** {@code batches} if they come from {@code data}, else new batches of it. */
    private Batches batchesOf(Batches batches, Dataset data) {
        return batches != null && batches.data() == data ? batches : new Batches(data, config.batchSize());
    }

    /**
     * How many rows of {@code prediction} have their arg-max (first on ties) at the true class: the label
     * of a {@code [rows]} target, or the arg-max of a {@code [rows, classes]} row of class probabilities.
     */
    private static long countCorrect(Tensor prediction, Tensor targets, int rows) {
        float[] p = prediction.data();
        int classes = p.length / rows;
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int predicted = ArgMax.of(p, r * classes, classes);
            // A NaN row predicts no class; with NaN in a row of target probabilities too, both would be NO_CLASS.
            if (predicted != ArgMax.NO_CLASS && predicted == ArgMax.targetClass(targets, r, classes)) {
                correct++;
            }
        }
        return correct;
    }
}
