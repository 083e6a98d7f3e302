package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XorTest {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    @Test
    void theTwoTwoOneSigmoidNetworkGetsAllFourRight() {
        Xor.Result r = Xor.train(REGISTRY, Xor.SEED);
        assertEquals(4, r.correct(), Arrays.toString(r.predictions()));
        // Not just on the right side of 0.5: a solved XOR has a small error (stalled nets stay near 0.125-0.25).
        assertTrue(r.finalLoss() < 0.01, "final mean squared error " + r.finalLoss());
    }

    @Test
    void mostInitialisationsSolveIt() {
        // A 2-2-1 sigmoid net can stall in a local minimum; the fixed seed must not be a lucky exception.
        long solved = java.util.stream.LongStream.range(0, 10).filter(seed -> Xor.train(REGISTRY, seed).correct() == 4).count();
        assertTrue(solved >= 8, solved + " of seeds 0-9 solve XOR");
    }

    @Test
    void theConfigTrainsTheSameNetworkToTheSameAnswers() throws IOException {
        TrainingRun run = Configs.train("xor.json", REGISTRY);
        float[] out = run.model().predict(Xor.DATA.features()).data();
        float[] expected = Xor.train(REGISTRY, Xor.SEED).predictions();
        assertEquals(Arrays.toString(expected), Arrays.toString(out),
                "same layers, seed, loss, optimizer and batches as the Java example: bitwise the same outputs");
    }
}
