package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    /**
     * Two epochs instead of the example's ten keep CI fast; after two the network is past 0.85 (0.87 when
     * measured), after ten past 0.89 (see the README for the recorded full run).
     */
    @Test
    @EnabledIfEnvironmentVariable(named = FashionMnist.ENV, matches = ".+")
    void twoEpochsReachAtLeast85PercentOnTheTestImages() throws IOException {
        Path dir = Path.of(System.getenv(FashionMnist.ENV));
        FashionMnist.Result r = FashionMnist.train(dir, 2, Plugins.registry());
        assertEquals(10_000, r.test().samples());
        double accuracy = r.test().accuracy().orElseThrow();
        assertTrue(accuracy >= 0.85, "test accuracy after 2 epochs " + accuracy);
    }

    @Test
    void withoutTheDataItSaysHowToGetItAndExitsWithStatus2(@TempDir Path empty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FashionMnist.run(new String[] {empty.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("Fashion-MNIST is not in " + empty + " (train-images-idx3-ubyte.gz is missing)."), message);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains("pass their folder as the first argument or in $NN_FASHION_MNIST"), message);
    }

    @Test
    void theDataFolderIsTheArgumentElseTheEnvironmentElseDebiansPath() {
        assertEquals(Path.of("/a"), FashionMnist.dataDir(new String[] {"/a"}, Map.of(FashionMnist.ENV, "/b")));
        assertEquals(Path.of("/b"), FashionMnist.dataDir(new String[0], Map.of(FashionMnist.ENV, "/b")));
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.dataDir(new String[0], Map.of()));
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.dataDir(new String[0], Map.of(FashionMnist.ENV, "")),
                "an empty variable counts as unset");
    }
}
