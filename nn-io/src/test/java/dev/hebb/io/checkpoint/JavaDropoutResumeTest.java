package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hebb.io.config.RunConfig;
import dev.hebb.layer.Dropout;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.train.Dataset;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with dropout trained in Java, checkpointed and resumed in Java, bitwise, whatever generator it was built
 * from. Its mask seed is a buffer saved with the weights: before it was, load drew the seed again from the config's
 * training seed, and a model built from another generator (the Java resume recipe builds from its own) resumed with
 * other masks, silently.
 */
class JavaDropoutResumeTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();
    private static final Hyperparameters SGD = Hyperparameters.of("lr", 0.1);

    @TempDir
    Path dir;

    @Test
    void resumesBitwiseWhenTheModelWasBuiltFromTheTrainingSeed() throws IOException {
        assertResumesBitwise(1);
    }

    @Test
    void resumesBitwiseWhenTheModelWasBuiltFromAnotherGenerator() throws IOException {
        long drawnFromTheConfig = ((Dropout) model(1).layers().get(2)).seed();
        assertNotEquals(drawnFromTheConfig, ((Dropout) model(42).layers().get(2)).seed(), "the case in question");
        assertResumesBitwise(42);
    }

    /** Trains 4 epochs whole, and 2 + 2 with a checkpoint between, the model built from {@code modelSeed}. */
    private void assertResumesBitwise(long modelSeed) throws IOException {
        Dataset data = JavaCheckpointResumeTest.data(32);
        Sequential whole = model(modelSeed);
        new Trainer(whole, loss(), REGISTRY.optimizer("sgd", whole.parameters(), SGD), config(4)).fit(data);

        Sequential part = model(modelSeed);
        Optimizer optimizer = REGISTRY.optimizer("sgd", part.parameters(), SGD);
        new Trainer(part, loss(), optimizer, config(2)).fit(data);
        ModelDirectory.saveCheckpoint(dir, RunConfig.of(part, loss(), "sgd", SGD, config(4)), part, DataInfo.NONE,
                REGISTRY, optimizer, new Progress(2, 0));

        SavedModel saved = ModelDirectory.load(dir, REGISTRY);
        Optimizer restored = saved.config().buildOptimizer(REGISTRY, saved.model().parameters());
        ModelDirectory.restoreOptimizer(dir, restored);
        new Trainer(saved.model(), loss(), restored, config(4)).fit(data, null, 2);

        List<Parameter> a = whole.parameters();
        List<Parameter> b = saved.model().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, "parameter " + i + " bitwise");
        }
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(8).seed(1).build();
    }

    private static Sequential model(long seed) {
        return Sequential.builder(REGISTRY, new SplittableRandom(seed), 4).dense(8, "relu")
                .layer("dropout", Hyperparameters.of("p", 0.5)).dense(3).build();
    }

    private static Loss loss() {
        return REGISTRY.loss("cross_entropy", Hyperparameters.empty());
    }
}
