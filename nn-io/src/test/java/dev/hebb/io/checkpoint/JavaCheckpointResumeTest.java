package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.io.InvalidFileException;
import dev.hebb.io.config.PluginSpec;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.run.TrainingRun;
import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.io.safetensors.SafetensorsContent;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run trained in Java, checkpointed with {@link ModelDirectory#saveCheckpoint} after epoch 3 of 6 under a
 * {@code step} schedule (the rate halves every 2 epochs, so the checkpoint holds a reduced rate), resumes bitwise
 * like the run that never stopped: weights compared with tolerance 0, rates with tolerance 0.
 */
class JavaCheckpointResumeTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();
    private static final int EPOCHS = 6;
    private static final int STOP_AFTER = 3;
    private static final Hyperparameters ADAM = Hyperparameters.of("lr", 1e-2);
    private static final Dataset DATA = data(48);

    @TempDir
    Path dir;

    private List<EpochMetrics> uninterrupted;
    private Sequential whole;

    @BeforeEach
    void trainUninterruptedThenCheckpointAnInterruptedRun() throws IOException {
        whole = model();
        uninterrupted = new Trainer(whole, loss(), REGISTRY.optimizer("adam", whole.parameters(), ADAM), config()).fit(DATA);

        Sequential part = model();
        Optimizer optimizer = REGISTRY.optimizer("adam", part.parameters(), ADAM);
        Trainer trainer = new Trainer(part, loss(), optimizer, config());
        trainer.addListener(new TrainingListener() {
            private int done;

            @Override
            public void onEpochEnd(EpochMetrics m) {
                done++;
            }

            @Override
            public boolean stopRequested() {
                return done == STOP_AFTER;
            }
        });
        trainer.fit(DATA);
        assertEquals(0.005, optimizer.learningRate(), 0.0, "the checkpoint holds the rate the schedule reduced");
        ModelDirectory.saveCheckpoint(dir, RunConfig.of(part, loss(), "adam", ADAM, config()), part, DataInfo.NONE,
                REGISTRY, optimizer, new Progress(STOP_AFTER, 0));
    }

    /** The order of the reviewer's reproduction, which resumed at half the rates. */
    @Test
    void restoringTheOptimizerBeforeCreatingTheTrainerResumesBitwise() throws IOException {
        assertResumesLikeTheWholeRun(true);
    }

    @Test
    void restoringTheOptimizerAfterCreatingTheTrainerResumesBitwise() throws IOException {
        assertResumesLikeTheWholeRun(false);
    }

    /**
     * A checkpoint saved before the optimizer state kept {@code initial_lr}: its base rate is taken to be the rate
     * of the optimizer built from the saved config, so it resumes bitwise too, in either order.
     */
    @Test
    void aCheckpointWithoutTheBaseRateResumesFromTheConfigsRateInEitherOrder() throws IOException {
        Path file = dir.resolve(ModelDirectory.OPTIMIZER);
        SafetensorsContent content = Safetensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        assertEquals("0.01", metadata.remove("scalar.initial_lr"), "the checkpoint records the base rate");
        Safetensors.write(file, content.tensors(), metadata);

        assertResumesLikeTheWholeRun(true);
        assertResumesLikeTheWholeRun(false);
    }

    @Test
    void runConfigOfRecordsTheScheduleByNameAndHyperparameters() throws IOException {
        PluginSpec scheduler = ModelDirectory.load(dir, REGISTRY).config().scheduler();
        assertEquals("step", scheduler.name());
        assertEquals(Hyperparameters.of("stepSize", 2, "gamma", 0.5), scheduler.hyperparameters());
    }

    @Test
    void runConfigOfLeavesOutAScheduleItCannotNameAndStillSaves() throws IOException {
        Sequential model = model();
        TrainingConfig lambda = TrainingConfig.builder().epochs(2).schedule((epoch, base) -> base / (epoch + 1)).build();
        RunConfig config = RunConfig.of(model, loss(), "adam", ADAM, lambda);
        assertNull(config.scheduler(), "a lambda has no name to record");
        Path other = dir.resolveSibling("lambda-model");
        ModelDirectory.save(other, config, model, DataInfo.NONE, REGISTRY);
        assertNull(ModelDirectory.load(other, REGISTRY).config().scheduler());
    }

    /** It failed with a NullPointerException ("DataSpec.train()" because "spec" is null), in nn train --resume too. */
    @Test
    void trainingRunRefusesToResumeACheckpointWithoutDataNamingTheFileAndTheBlock() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> TrainingRun.resume(dir, REGISTRY));
        assertEquals(dir.resolve("model.json") + ": config.data: is missing, so the data to train on is unknown and the"
                + " run cannot be resumed here; the checkpoint was saved from Java (RunConfig.of records no data files), so"
                + " resume it in Java (ModelDirectory.load and restoreOptimizer, then Trainer.fit(train, validation, epoch))",
                e.getMessage());
    }

    /**
     * Loads the checkpoint, builds its optimizer from the saved config, restores its state before the trainer
     * is created when {@code restoreFirst} (else after), trains the remaining epochs and compares them with the
     * uninterrupted run's.
     */
    private void assertResumesLikeTheWholeRun(boolean restoreFirst) throws IOException {
        SavedModel saved = ModelDirectory.load(dir, REGISTRY);
        Optimizer optimizer = saved.config().buildOptimizer(REGISTRY, saved.model().parameters());
        if (restoreFirst) {
            ModelDirectory.restoreOptimizer(dir, optimizer);
        }
        Trainer trainer = new Trainer(saved.model(), loss(), optimizer, config());
        if (!restoreFirst) {
            ModelDirectory.restoreOptimizer(dir, optimizer);
        }
        List<EpochMetrics> rest = trainer.fit(DATA, null, saved.progress().epoch());
        List<Double> expected = new ArrayList<>();
        for (EpochMetrics m : uninterrupted.subList(STOP_AFTER, EPOCHS)) {
            expected.add(m.learningRate());
        }
        assertEquals(List.of(0.005, 0.0025, 0.0025), expected, "the uninterrupted run's rates of epochs 3 to 5");
        assertEquals(expected, rest.stream().map(EpochMetrics::learningRate).toList(), "the resumed epochs' rates");
        List<Parameter> a = whole.parameters();
        List<Parameter> b = saved.model().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, "parameter " + i + " bitwise");
        }
    }

    private static TrainingConfig config() {
        return TrainingConfig.builder().epochs(EPOCHS).batchSize(8).seed(1)
                .schedule(REGISTRY.schedule("step", Hyperparameters.of("stepSize", 2, "gamma", 0.5))).build();
    }

    private static Sequential model() {
        return Sequential.builder(REGISTRY, new SplittableRandom(42), 4).dense(8, "relu").dense(3).build();
    }

    private static Loss loss() {
        return REGISTRY.loss("cross_entropy", Hyperparameters.empty());
    }

    /** {@code n} samples of 4 features and 3 classes, drawn from a fixed seed (shared with JavaDropoutResumeTest). */
    static Dataset data(int n) {
        SplittableRandom random = new SplittableRandom(17);
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (random.nextDouble() * 2 - 1);
            }
            y[i] = random.nextInt(3);
        }
        return new Dataset(Tensor.of(x, n, 4), Tensor.of(y, n));
    }
}
