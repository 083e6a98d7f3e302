package dev.hebb.io.run;

import dev.hebb.io.checkpoint.DataInfo;
import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.checkpoint.Progress;
import dev.hebb.io.checkpoint.SavedModel;
import dev.hebb.io.config.ConfigException;
import dev.hebb.io.config.DataSpec;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.config.TrainingSpec;
import dev.hebb.io.data.DataFiles;
import dev.hebb.io.data.LabelledData;
import dev.hebb.io.data.Normalization;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import dev.hebb.train.EarlyStopping;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A run config turned into a ready {@link Trainer}: data read and checked, the validation split held
 * out (the same samples {@link Trainer#split} picks), the normalisation fitted on the training side only
 * and applied to every split, the model, loss, optimizer and schedule built through the registry.
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.start(ConfigReader.read(Path.of("run.json")), Plugins.registry());
 * run.fit(run.checkpointsTo(Path.of("runs/iris/checkpoint")));
 * run.save(Path.of("runs/iris/model"));
 * }</pre>
 *
 * A checkpoint resumes with {@link #resume}: weights, optimizer state and the epoch counter are
 * restored and training continues at the next epoch, bitwise as if it had never stopped (shuffling is a
 * pure function of seed and epoch; the schedule a function of the epoch). With
 * {@code training.earlyStopping.restoreBest}, the best epoch's weights are saved beside each checkpoint
 * ({@link ModelDirectory#BEST_WEIGHTS}) and read back on resume, so a resumed run too ends with them.
 */
public final class TrainingRun {

    private final RunConfig config;
    private final PluginRegistry registry;
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Trainer trainer;
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final DataInfo dataInfo;
    private final Progress start;
    private final EarlyStopping earlyStopping;
    /** {@link #fingerprint} of the training and validation data, recorded in every checkpoint. */
    private final String dataFingerprint;
    /** The weights file the run started from, with its hash, or null when its weights came from the seed. */
    private String initialWeights;
    /** Whether {@link #fit} has run: initial weights loaded after that would not be the ones trained from. */
    private boolean fitted;

    private TrainingRun(RunConfig config, PluginRegistry registry, Sequential model, Optimizer optimizer, Data data,
                        Progress start, List<Tensor> bestWeights) {
        this.config = config;
        this.registry = registry;
        this.model = model;
        this.loss = config.buildLoss(registry);
        this.optimizer = optimizer;
        this.train = data.train;
        this.validation = data.validation;
        this.test = data.test;
        this.dataInfo = data.info;
        this.start = start;
        this.dataFingerprint = fingerprint(data.train, data.validation);
        checkFits(config, model, data, loss.takesClassLabels());
        TrainingSpec t = config.training();
        TrainingConfig.Builder b = TrainingConfig.builder().epochs(t.epochs()).batchSize(t.batchSize()).shuffle(t.shuffle())
                .seed(t.seed());
        if (t.clipGradNorm() > 0) {
            b.clipGradNorm(t.clipGradNorm());
        }
        if (t.clipGradValue() > 0) {
            b.clipGradValue(t.clipGradValue());
        }
        LearningRateSchedule schedule = config.buildSchedule(registry);
        if (schedule != null) {
            b.schedule(schedule);
        }
        // The validation side is held out here (so normalisation never sees it) and passed explicitly.
        this.trainer = new Trainer(model, loss, optimizer, b.build());
        if (t.earlyStopping() == null) {
            this.earlyStopping = null;
        } else {
            this.earlyStopping = t.earlyStopping().restoreBest()
                    ? EarlyStopping.restoringBest(t.earlyStopping().patience(), t.earlyStopping().minDelta(), model)
                    : new EarlyStopping(t.earlyStopping().patience(), t.earlyStopping().minDelta());
            if (start.earlyStopping() != null) {
                earlyStopping.restore(start.earlyStopping(), bestWeights);
            }
        }
    }

    /**
     * Prepares a fresh run: reads the data, builds everything, initialises the weights from the seed.
     *
     * @throws ConfigException      for a config that names unknown plugins or does not fit the data
     * @throws java.io.IOException for unreadable or bad data files (with file and line)
     */
    public static TrainingRun start(RunConfig config, PluginRegistry registry) throws IOException {
        if (config.data() == null) {
            throw new ConfigException(config.source(), "data", "is missing; a training run needs data");
        }
        Ops.warmUp(); // the kernel compiles while the data is read, not during the first epoch
        Sequential model = config.buildModel(registry);
        if (model.parameters().isEmpty()) {
            // As PyTorch's optimizers refuse an empty parameter list: such a run would "train" and save nothing learnt.
            throw new ConfigException(config.source(), "model.layers", "the model has no learnable parameters, so"
                    + " training cannot change it; add a layer with weights, such as {\"type\": \"dense\", \"units\": N}");
        }
        Optimizer optimizer = config.buildOptimizer(registry, model.parameters());
        Loss loss = config.buildLoss(registry);
        boolean classLabels = loss.takesClassLabels();
        List<String> targets = config.data().targets();
        if (classLabels && config.data().train().targets() == null && targets.size() != 1) {
            // Checked here, where the config is at hand: the CSV reader would say it without naming the config.
            throw new ConfigException(config.source(), "data.targets", "the loss " + loss.name() + " takes class labels,"
                    + " which come from exactly one target column, but " + targets.size() + " are named: " + targets);
        }
        return new TrainingRun(config, registry, model, optimizer, Data.read(config, classLabels, null), new Progress(0, 0),
                List.of());
    }

    /**
     * Prepares the continuation of a checkpoint: the saved config, class names and normalisation, the
     * saved weights and optimizer state, starting at the saved epoch.
     *
     * @throws dev.hebb.io.InvalidFileException also when the checkpoint is a final model (no progress counters),
     *                                          or its config has no {@code data} block, as a checkpoint saved from
     *                                          Java with {@link RunConfig#of} has (resume that one in Java)
     */
    public static TrainingRun resume(Path checkpoint, PluginRegistry registry) throws IOException {
        Ops.warmUp();
        SavedModel saved = ModelDirectory.load(checkpoint, registry);
        RunConfig config = saved.config();
        if (saved.progress() == null) {
            throw new dev.hebb.io.InvalidFileException(checkpoint.resolve(ModelDirectory.MODEL_JSON),
                    "has no progress counters; it is a final model, not a checkpoint to resume from");
        }
        if (config.data() == null) {
            // RunConfig.of describes a model trained in Java, whose data the config cannot name.
            throw new dev.hebb.io.InvalidFileException(checkpoint.resolve(ModelDirectory.MODEL_JSON),
                    "config.data: is missing, so the data to train on is unknown and the run cannot be resumed here; the"
                            + " checkpoint was saved from Java (RunConfig.of records no data files), so resume it in Java"
                            + " (ModelDirectory.load and restoreOptimizer, then Trainer.fit(train, validation, epoch))");
        }
        Optimizer optimizer = config.buildOptimizer(registry, saved.model().parameters());
        boolean classLabels = config.buildLoss(registry).takesClassLabels();
        TrainingRun run = new TrainingRun(config, registry, saved.model(), optimizer,
                Data.read(config, classLabels, saved.data()), saved.progress(), bestWeights(checkpoint, saved));
        String recorded = saved.progress().data();
        if (recorded != null && !recorded.equals(run.dataFingerprint)) {
            // Resuming "bitwise as if never stopped" needs the same samples; changed data would silently give
            // another model than the uninterrupted run.
            throw new dev.hebb.io.InvalidFileException(checkpoint.resolve(ModelDirectory.MODEL_JSON),
                    "was saved while training on other data than the config's data files hold now (fingerprint "
                            + recorded + ", now " + run.dataFingerprint + "), so resuming would not continue the same"
                            + " run; restore the data, or start a new run from these weights with --init");
        }
        // The trainer reads the schedule's base rate from the restored state (initial_lr), or, for a checkpoint saved
        // before that was kept, from the rate it recorded from the fresh optimizer when created, as the original run did.
        ModelDirectory.restoreOptimizer(checkpoint, optimizer);
        run.initialWeights = saved.provenance().initialWeights();
        return run;
    }

    /**
     * The best epoch's weights a checkpoint of a run with {@code restoreBest} keeps beside it, in the order of the
     * model's parameters and then its buffers, as its early stopping takes them back; none for other runs, or before the first epoch.
     */
    private static List<Tensor> bestWeights(Path checkpoint, SavedModel saved) throws IOException {
        EarlyStopping.State state = saved.progress().earlyStopping();
        if (saved.config().training().earlyStopping() == null || !saved.config().training().earlyStopping().restoreBest()
                || state == null) {
            return List.of();
        }
        Map<String, Tensor> best = ModelDirectory.readBestWeights(checkpoint, saved.model()).orElseThrow(() ->
                new dev.hebb.io.InvalidFileException(checkpoint.resolve(ModelDirectory.BEST_WEIGHTS), "does not exist, but"
                        + " the checkpoint's config sets training.earlyStopping.restoreBest and its best epoch is "
                        + (state.bestEpoch() + 1) + ", whose weights the resumed run would have to end with"));
        return List.copyOf(best.values());
    }

    /**
     * Replaces the model's seeded initial weights, and its buffers' initial values, with those in {@code file}
     * (safetensors, PyTorch's state-dict names; see {@link Safetensors#loadState}), and records the file and its SHA-256 in what this run
     * saves: the config and seed alone no longer reproduce it.
     *
     * @throws IllegalStateException when the run has already trained
     */
    public void loadInitialWeights(Path file) throws IOException {
        if (fitted || start.step() > 0) {
            throw new IllegalStateException("initial weights can only be loaded before training; this run has trained");
        }
        Safetensors.loadModel(file, model);
        initialWeights = file + " (sha256 " + sha256(file) + ")";
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());   // streamed: weights files can be large
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Trains from the start epoch to the configured number of epochs, or until early stopping (when
     * configured) ends the run. Nothing is trained when a resumed run's early stopping had already ended it.
     *
     * @throws IllegalStateException when this run has already been fitted: a second call would train the epochs
     *                               from the start epoch again on the trained weights, with the first call's
     *                               listeners still attached; resume a checkpoint to continue a run
     */
    public List<EpochMetrics> fit(TrainingListener... listeners) {
        if (fitted) {
            throw new IllegalStateException("this run has already been fitted; a second fit would train epochs "
                    + (start.epoch() + 1) + " to " + config.training().epochs() + " again on the trained weights (resume a"
                    + " checkpoint, with TrainingRun.resume, to continue a run)");
        }
        fitted = true;
        if (earlyStopping != null) {
            if (earlyStopping.stopRequested()) {
                // The run ended before it was saved; ending it again puts the best weights back when it restores them.
                earlyStopping.onTrainingEnd(false);
                return List.of();
            }
            // First, so that the checkpoint listener saves the state this epoch left.
            trainer.addListener(earlyStopping);
        }
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        return trainer.fit(train, validation, start.epoch());
    }

    /** A listener that saves a checkpoint to {@code dir} after every epoch (atomically, replacing the last). */
    public TrainingListener checkpointsTo(Path dir) {
        return new CheckpointListener(dir, this);
    }

    /** Saves the model as it is now (config, weights, data description; no optimizer state). */
    public void save(Path dir) throws IOException {
        ModelDirectory.save(dir, config, model, dataInfo, registry, initialWeights);
    }

    /**
     * Saves a checkpoint at {@code progress}, recording the fingerprint of the data trained on. When the early
     * stopping restores the best weights and the progress has a best epoch, the weights it keeps for that epoch are
     * saved beside the checkpoint ({@link ModelDirectory#BEST_WEIGHTS}).
     *
     * @throws IllegalArgumentException when the progress names another best epoch than the early stopping's, whose
     *                                  weights are the only ones this run has
     */
    public void saveCheckpoint(Path dir, Progress progress) throws IOException {
        Map<String, Tensor> best = null;
        EarlyStopping.State state = progress.earlyStopping();
        if (earlyStopping != null && earlyStopping.restoresBest() && state != null && state.bestEpoch() >= 0) {
            if (state.bestEpoch() != earlyStopping.bestEpoch()) {
                throw new IllegalArgumentException("cannot save the checkpoint to " + dir + ": its progress has best epoch "
                        + state.bestEpoch() + " but the early stopping holds the weights of epoch " + earlyStopping.bestEpoch());
            }
            best = ModelDirectory.namedBestWeights(model, earlyStopping.bestWeights());
        }
        ModelDirectory.saveCheckpoint(dir, config, model, dataInfo, registry, optimizer, progress.withData(dataFingerprint),
                initialWeights, best);
    }

    /**
     * The samples' count and width and a 64-bit hash (FNV-1a over the float bits) of the features and targets of
     * {@code train}, then {@code validation} (when there is one): it changes when any value, row or order does.
     */
    static String fingerprint(Dataset train, Dataset validation) {
        long hash = 0xcbf29ce484222325L;
        long rows = 0;
        for (Dataset d : validation == null ? List.of(train) : List.of(train, validation)) {
            rows += d.size();
            for (Tensor t : List.of(d.features(), d.targets())) {
                for (float v : t.data()) {
                    hash = (hash ^ Float.floatToIntBits(v)) * 0x100000001b3L;
                }
            }
        }
        return rows + "x" + train.features().size() / Math.max(1, train.size()) + ":" + Long.toHexString(hash);
    }

    /** The config. */
    public RunConfig config() {
        return config;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The trainer, for evaluation or more listeners. */
    public Trainer trainer() {
        return trainer;
    }

    /** The training side, normalised. */
    public Dataset train() {
        return train;
    }

    /** The validation side, normalised, or {@code null} without a validation split. */
    public Dataset validation() {
        return validation;
    }

    /** The test data (a test file or the held-out {@code data.testSplit}), normalised, or {@code null} for neither. */
    public Dataset test() {
        return test;
    }

    /** Column names, class names and the fitted normalisation. */
    public DataInfo dataInfo() {
        return dataInfo;
    }

    /** The early stopping of {@code training.earlyStopping}, or {@code null} when the config has none. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** Where training starts: epoch 0 for a fresh run, the saved counters for a resumed one. */
    public Progress start() {
        return start;
    }

    /** The data of a run, split and normalised. */
    private record Data(Dataset train, Dataset validation, Dataset test, DataInfo info) {

        /** The files of {@code source}, a missing one reported at the config's {@code key}. */
        private static LabelledData read(RunConfig config, String key, DataSpec.Source source, boolean classLabels,
                                         List<String> classNames) throws IOException {
            try {
                return DataFiles.read(source.features(), source.targets(), config.data().targets(), classLabels, classNames);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ConfigException(config.source(), key, "file not found: " + e.getFile(), e);
            }
        }

        static Data read(RunConfig config, boolean classLabels, DataInfo saved) throws IOException {
            DataSpec spec = config.data();
            List<String> classNames = saved == null ? null : saved.classNames();
            LabelledData all = read(config, "data.train", spec.train(), classLabels, classNames);
            Dataset train = all.dataset();
            Dataset test = null;
            if (spec.testSplit() > 0) {
                int[][] split = testSplit(config, train.size());
                test = train.subset(split[1]);
                train = train.subset(split[0]);
            }
            Dataset validation = null;
            double fraction = config.training().validationSplit();
            if (fraction > 0) {
                int[][] split;
                try {
                    split = Trainer.split(train.size(), fraction, config.training().seed());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(config.source(), "training.validationSplit", e.getMessage(), e);
                }
                validation = train.subset(split[1]);
                train = train.subset(split[0]);
            }
            if (spec.test() != null) {
                test = read(config, "data.test", spec.test(), classLabels, all.classNames()).dataset();
            }
            Normalization normalization = null;
            if (spec.normalize() != null) {
                normalization = saved != null && saved.normalization() != null ? saved.normalization()
                        : Normalization.fit(spec.normalize(), train.features());
                for (Dataset d : new Dataset[] {train, validation, test}) {
                    if (d != null) {
                        normalization.apply(d.features());
                    }
                }
            }
            DataInfo.FeatureEncoding encoding = DataFiles.holdsPixels(spec.train().features())
                    ? DataInfo.FeatureEncoding.PIXELS : DataInfo.FeatureEncoding.VALUES;
            return new Data(train, validation, test, DataInfo.of(all, normalization, encoding));
        }
    }

    /** Separates the test split's random stream from the validation split's, both drawn from the training seed. */
    private static final long TEST_STREAM = 0x452821E638D01377L;

    /**
     * The samples kept and those held out as the test set by {@code data.testSplit}: {@link Trainer#split}
     * on a seed derived from the training seed, so the test samples depend on the seed alone and differ
     * from the validation samples the same seed picks.
     */
    static int[][] testSplit(RunConfig config, int n) {
        double fraction = config.data().testSplit();
        long held = Math.round(n * fraction);
        if (held < 1 || held >= n) {
            throw new ConfigException(config.source(), "data.testSplit", "holds out " + held + " of the " + n
                    + " samples, leaving " + (held < 1 ? "no test sample" : "no training sample"));
        }
        return Trainer.split(n, fraction, config.training().seed() ^ TEST_STREAM);
    }

    /**
     * For labels that were names: "; the labels are NAME (COUNT), ...", since one misspelled label (a class of
     * its own) is the usual reason for one class too many; else "".
     */
    private static String labelCounts(Data data, int classes) {
        List<String> names = data.info().classNames();
        if (names.size() != classes) {
            return "";
        }
        int[] counts = new int[classes];
        for (Dataset d : new Dataset[] {data.train, data.validation, data.test}) {
            if (d != null) {
                for (float id : d.targets().data()) {
                    counts[(int) id]++;
                }
            }
        }
        StringBuilder b = new StringBuilder("; the labels are ");
        for (int c = 0; c < classes; c++) {
            b.append(c == 0 ? "" : ", ").append(names.get(c)).append(" (").append(counts[c]).append(')');
        }
        return b.append(": a misspelled label is a class of its own").toString();
    }

    /** Fails before training when the data cannot go through the model, naming the config key to change. */
    private static void checkFits(RunConfig config, Sequential model, Data data, boolean classLabels) {
        int[] sample = data.train.sampleShape();
        if (!Arrays.equals(sample, model.inputShape())) {
            throw new ConfigException(config.source(), "model.inputs", "the model takes samples of shape "
                    + Arrays.toString(model.inputShape()) + " but " + config.data().train().features().getFileName()
                    + " has samples of shape " + Arrays.toString(sample));
        }
        int[] out = model.outputShape();
        String lastLayer = config.model().layers().get(config.model().layers().size() - 1).path();
        if (classLabels) {
            float maxId = 0;
            for (Dataset d : new Dataset[] {data.train, data.validation, data.test}) {
                if (d != null) {
                    for (float id : d.targets().data()) {
                        maxId = Math.max(maxId, id);
                    }
                }
            }
            if (out.length != 1 || out[0] <= maxId) {
                throw new ConfigException(config.source(), lastLayer, "the data has class id " + (int) maxId
                        + ", so the model needs at least " + ((int) maxId + 1) + " outputs, but its output shape is "
                        + Arrays.toString(out) + labelCounts(data, (int) maxId + 1));
            }
        } else {
            int[] target = data.train.targets().shape();
            int[] perSample = Arrays.copyOfRange(target, 1, target.length);
            if (!Arrays.equals(perSample, out)) {
                throw new ConfigException(config.source(), lastLayer, "the model's output shape " + Arrays.toString(out)
                        + " differs from the targets' shape " + Arrays.toString(perSample));
            }
        }
    }
}
