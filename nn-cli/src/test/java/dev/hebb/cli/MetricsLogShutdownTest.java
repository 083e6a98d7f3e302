package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.train.EpochMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epoch that ends after Ctrl-C is logged while the JVM shuts down. A child JVM stands in for the signal:
 * {@code System.exit} runs the shutdown hooks just as SIGINT does, and its hook ends an epoch as the
 * interrupted trainer would. loss.png must be drawn, without "could not draw ...: Shutdown in progress".
 */
class MetricsLogShutdownTest {

    @TempDir
    Path dir;

    /** The child: logs one epoch from a shutdown hook, warnings to standard error. */
    public static void main(String[] args) throws IOException {
        MetricsLog log = MetricsLog.open(Path.of(args[0]), Path.of(args[0]), 0)
                .warnTo(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> log.onEpochEnd(new EpochMetrics(0, 0.5, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 0.1, 1.0))));
        System.exit(0);
    }

    @Test
    void theLastEpochIsPlottedWhileTheJvmShutsDown() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                MetricsLogShutdownTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM exits");
        assertEquals(0, child.exitValue(), output);
        assertEquals("", output, "no warning while shutting down");
        assertTrue(Files.size(dir.resolve(MetricsLog.PLOT)) > 0, "loss.png drawn");
        assertEquals(MetricsLog.HEADER, Files.readAllLines(dir.resolve(MetricsLog.METRICS)).get(0));
    }
}
