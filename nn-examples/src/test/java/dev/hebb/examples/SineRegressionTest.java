package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SineRegressionTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    @Test
    void tanhNetworkFitsSineWithTestErrorBelowOneThousandth() {
        double mse = SineRegression.train(REGISTRY, SineRegression.SEED).testMse();
        assertTrue(mse < 1e-3, "test MSE " + mse);
    }

    @Test
    void theShippedCsvHoldsExactlyTheGeneratedTrainingPoints(@TempDir Path dir) throws IOException {
        Path generated = dir.resolve("sine.csv");
        SineRegression.writeCsv(generated);
        assertEquals(Files.readString(generated), Files.readString(Path.of("..", "examples", "data", "sine.csv")),
                "regenerate with: SineRegression --csv examples/data/sine.csv");
    }

    @Test
    void theConfigFitsTheHeldOutPointsToo() throws IOException {
        TrainingRun run = Configs.train("sine.json", REGISTRY);
        double mse = run.trainer().evaluate(run.test()).loss();
        assertTrue(mse < 1e-3, "MSE on the 20% of sine.csv held out: " + mse);
    }
}
