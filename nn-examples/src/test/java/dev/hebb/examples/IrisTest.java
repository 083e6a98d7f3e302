package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    private static double accuracy(CsvClassifier.Settings settings) throws IOException {
        return CsvClassifier.train(ExampleData.file("iris.csv"), "species", settings, REGISTRY).test().accuracy().orElseThrow();
    }

    @Test
    void mlpClassifiesAtLeast95PercentOfTheHeldOutFlowers() throws IOException {
        CsvClassifier.Result r = CsvClassifier.train(ExampleData.file("iris.csv"), "species", Iris.SETTINGS, REGISTRY);
        assertEquals(30, r.test().samples());
        assertEquals(List.of("setosa", "versicolor", "virginica"), r.classNames());
        double accuracy = r.test().accuracy().orElseThrow();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void theRecipeAveragesAbove95PercentOverTenSplits() throws IOException {
        // One split of 30 flowers moves in steps of 0.033; the mean over splits 0-9 is what the recipe is worth.
        double sum = 0;
        for (long seed = 0; seed < 10; seed++) {
            sum += accuracy(Iris.SETTINGS.withSeed(seed));
        }
        assertTrue(sum / 10 >= 0.95, "mean test accuracy over seeds 0-9: " + sum / 10);
    }

    @Test
    void theConfigReachesTheSameAccuracy() throws IOException {
        TrainingRun run = Configs.train("iris-mlp.json", REGISTRY);
        double accuracy = Configs.testAccuracy(run);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }
}
