package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nn-plugin-example jar, copied to target/plugins by the build, used through its own class loader. */
class ThirdPartyPluginIT {

    private static Path pluginDir;
    private static PluginRegistry registry;

    @BeforeAll
    static void loadThePluginJar() throws IOException {
        pluginDir = Path.of(System.getProperty("hebb.plugins.dir", "target/plugins"));
        assertTrue(Files.isRegularFile(pluginDir.resolve("nn-plugin-example.jar")),
                "the build copies the plugin jar to " + pluginDir + " before the tests (maven-dependency-plugin)");
        registry = ThirdPartyPlugin.registryWith(pluginDir);
    }

    @Test
    void thePluginsComeFromTheJarNotFromTheClassPath() {
        PluginRegistry classPathOnly = Plugins.registry();
        assertFalse(classPathOnly.activations().containsKey("squareplus"), "the test class path must not hold the plugin");
        assertFalse(classPathOnly.optimizers().containsKey("lion"));

        Class<?> squareplus = registry.activationProvider("squareplus").getClass();
        Class<?> lion = registry.optimizerProvider("lion").getClass();
        assertTrue(squareplus.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith("/nn-plugin-example.jar"));
        assertNotSame(getClass().getClassLoader(), squareplus.getClassLoader());
        assertEquals(squareplus.getClassLoader(), lion.getClassLoader());
        assertTrue(registry.activations().containsKey("relu"), "the built-ins stay available beside the plugins");
    }

    @Test
    void squareplusAndLionByNameLearnTheDigits() throws IOException {
        CsvClassifier.Result r = CsvClassifier.train(ExampleData.file("digits.csv.gz"), "digit", ThirdPartyPlugin.SETTINGS,
                registry);
        double first = r.history().get(0).trainLoss();
        double last = r.history().get(r.history().size() - 1).trainLoss();
        assertTrue(last < first / 10, "training loss " + first + " -> " + last);
        double accuracy = r.test().accuracy().orElseThrow();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void theConfigUsesThePluginsByNameToo() throws IOException {
        TrainingRun run = Configs.train("plugin-example.json", registry);
        assertEquals("lion", run.optimizer().name());
        double accuracy = Configs.testAccuracy(run);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void aFolderWithoutJarsIsNamedInTheError(@TempDir Path empty) {
        String message = assertThrows(IllegalArgumentException.class, () -> ThirdPartyPlugin.registryWith(empty)).getMessage();
        assertEquals("plugin folder " + empty.toAbsolutePath() + " holds no .jar file", message);
    }

    @Test
    void everyExampleConfigIsValid() throws IOException {
        // Names, hyperparameters and shapes of every config under examples/, the plugin one with the jar loaded.
        try (var files = Files.list(Configs.DIR)) {
            List<Path> configs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertTrue(configs.size() >= 6, configs.toString());
            for (Path config : configs) {
                Configs.read(config.getFileName().toString()).validate(registry);
            }
        }
    }
}
