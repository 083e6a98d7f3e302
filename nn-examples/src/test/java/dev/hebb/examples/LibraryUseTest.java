package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.layer.Sequential;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryUseTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    private static String predictions(Sequential model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LibraryUse.printPredictions(model, LibraryUse.PROBES, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFreshJvmLoadsTheSavedWeightsAndPredictsBitwiseTheSame(@TempDir Path dir) throws Exception {
        Sequential trained = SineRegression.train(REGISTRY, SineRegression.SEED).model();
        LibraryUse.save(trained, dir.resolve(LibraryUse.WEIGHTS));
        String expected = predictions(trained);

        // A new java process on the test class path, with this JVM's flags (the Vector API kernel included).
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", classPath, LibraryUse.class.getName(), "predict", dir.toString()));
        for (float x : LibraryUse.PROBES) {
            command.add(Float.toString(x));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the predicting JVM did not finish");
        assertEquals(0, process.exitValue());
        assertEquals(expected, output, "printed with Float.toString, so equal text means equal floats");
    }

    @Test
    void aLoadedModelStartsFromOtherWeightsAndEndsWithTheSavedOnes(@TempDir Path dir) throws IOException {
        Sequential trained = SineRegression.train(REGISTRY, SineRegression.SEED).model();
        LibraryUse.save(trained, dir.resolve(LibraryUse.WEIGHTS));
        assertTrue(!predictions(LibraryUse.newModel(REGISTRY, 0)).equals(predictions(trained)), "an untrained model differs");
        assertEquals(predictions(trained), predictions(LibraryUse.load(REGISTRY, dir.resolve(LibraryUse.WEIGHTS))));
    }

    @Test
    void theWeightsCarryPyTorchsStateDictNames() {
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                List.copyOf(LibraryUse.newModel(REGISTRY, 0).namedParameters().keySet()));
    }
}
