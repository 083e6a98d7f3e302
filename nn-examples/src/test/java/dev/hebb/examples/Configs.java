package dev.hebb.examples;

import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Runs the JSON configs of {@code examples/} the way {@code nn train} does: through {@link TrainingRun}. */
final class Configs {

    /** The repository's {@code examples/} folder, seen from this module's folder (where Maven runs the tests). */
    static final Path DIR = Path.of("..", "examples");

    private Configs() {
    }

    static RunConfig read(String name) {
        try {
            return ConfigReader.read(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the config, trains as it says and returns the finished run. */
    static TrainingRun train(String name, PluginRegistry registry) throws IOException {
        TrainingRun run = TrainingRun.start(read(name), registry);
        run.fit();
        return run;
    }

    /** The test accuracy of a finished run. */
    static double testAccuracy(TrainingRun run) {
        return run.trainer().evaluate(run.test()).accuracy().orElseThrow();
    }
}
