package dev.hebb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the README shows for the plugin jar: {@code nn check-plugin} and {@code nn train} with {@code --plugins}. */
class CliPluginIT {

    private static final String PLUGINS = System.getProperty("hebb.plugins.dir", "target/plugins");

    private record Run(int status, String out, String err) {
    }

    private static Run nn(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void checkPluginPassesForSquareplusLionAndBatchNorm() {
        for (String name : new String[] {"squareplus", "lion", "batch_norm"}) {
            Run r = nn("check-plugin", name, "--plugins", PLUGINS);
            assertEquals(0, r.status(), name + ":\n" + r.out() + r.err());
            assertTrue(r.out().contains("nn-plugin-example.jar"), "names the jar it came from:\n" + r.out());
            assertTrue(!r.out().contains("FAIL"), r.out());
        }
    }

    @Test
    void nnTrainRunsThePluginConfig(@TempDir Path out) {
        Run r = nn("train", Configs.DIR.resolve("plugin-example.json").toString(), "--plugins", PLUGINS, "--quiet",
                "--out", out.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(Files.isRegularFile(out.resolve("weights.safetensors")), r.out());
    }
}
