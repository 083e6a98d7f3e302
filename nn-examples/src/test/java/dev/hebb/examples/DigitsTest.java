package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DigitsTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    @Test
    void mlpClassifiesAtLeast97PercentOfTheHeldOutDigits() throws IOException {
        CsvClassifier.Result r = CsvClassifier.train(ExampleData.file("digits.csv.gz"), "digit", Digits.SETTINGS, REGISTRY);
        assertEquals(359, r.test().samples(), "round(0.2 x 1,797) held out");
        double accuracy = r.test().accuracy().orElseThrow();
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    }

    @Test
    void theReadmeConfigReachesTheSameAccuracy() throws IOException {
        TrainingRun run = Configs.train("digits-mlp.json", REGISTRY);
        assertEquals(359, run.test().size());
        double accuracy = Configs.testAccuracy(run);
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    }
}
