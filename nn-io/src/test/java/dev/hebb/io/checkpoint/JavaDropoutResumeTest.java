package dev.hebb.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * A model with dropout trained in Java, checkpointed and resumed in Java. Its mask seed is not in the weights (load
 * draws it again from the config's training seed): a model built from another generator resumed with other masks,
 * silently, so saving its checkpoint is refused; one built from the training seed resumes bitwise.
 */
class JavaDropoutResumeTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();
    private static final Hyperparameters SGD = Hyperparameters.of("lr", 0.1);

    @TempDir
    Path dir;

    @Test
    void aCheckpointOfAModelWhoseMaskSeedTheConfigDoesNotRebuildIsRefused() {
        Sequential model = model(42);
        Optimizer optimizer = REGISTRY.optimizer("sgd", model.parameters(), SGD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.saveCheckpoint(dir,
                RunConfig.of(model, loss(), "sgd", SGD, config(4)), model, DataInfo.NONE, REGISTRY, optimizer,
                new Progress(2, 0)));
        long want = ((Dropout) model(1).layers().get(2)).seed();
        long have = ((Dropout) model.layers().get(2)).seed();
        assertEquals("cannot save to " + dir + ": layer 2 (dropout) has mask seed " + have + " but the model the config"
                + " rebuilds from training seed 1 has " + want + ", so a resumed run would draw other masks; build the"
                + " model with the training seed's generator (new SplittableRandom(1), as RunConfig.buildModel does)",
                e.getMessage());
    }

    @Test
    void resumesBitwiseWhenTheModelWasBuiltFromTheTrainingSeed() throws IOException {
        Dataset data = JavaCheckpointResumeTest.data(32);
        Sequential whole = model();
        new Trainer(whole, loss(), REGISTRY.optimizer("sgd", whole.parameters(), SGD), config(4)).fit(data);

        Sequential part = model();
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

    private static Sequential model() {
        return model(1);
    }

    private static Sequential model(long seed) {
        return Sequential.builder(REGISTRY, new SplittableRandom(seed), 4).dense(8, "relu")
                .layer("dropout", Hyperparameters.of("p", 0.5)).dense(3).build();
    }

    private static Loss loss() {
        return REGISTRY.loss("cross_entropy", Hyperparameters.empty());
    }
}
