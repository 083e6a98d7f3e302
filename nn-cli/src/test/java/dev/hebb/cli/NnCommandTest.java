package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The root command: help, version, and the one-line errors with exit codes 1 and 2. */
class NnCommandTest {

    @Test
    void versionPrintsTheProjectVersion() {
        Nn.Run run = Nn.run("--version");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("nn (Hebb) " + VersionProvider.version() + "\n"), run.toString());
        assertFalse(VersionProvider.version().contains("${"), "version.properties was not filtered");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Nn.Run run = Nn.run("--help");
        assertEquals(0, run.code(), run.toString());
        for (String expected : new String[] {"plugins", "check-plugin", "--verbose", "--quiet", "--plugins=DIR",
            "Exit codes: 0 success, 1 failure, 2 usage error,\n  130 interrupted after a checkpoint (nn train),\n"
                + "  141 output to a pipe closed early (nn plugins | head), silently."}) {
            assertTrue(run.out().contains(expected), "help lacks '" + expected + "':\n" + run.out());
        }
    }

    @Test
    void commandHelpShowsEveryOptionWithItsDefault() {
        Nn.Run run = Nn.run("check-plugin", "--help");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("--kind=KIND"), run.out());
        assertTrue(run.out().contains("activation, loss, optimizer"), run.out());
        assertTrue(run.out().contains("-H, --hyperparameter=KEY=VALUE"), run.out());
    }

    @Test
    void noCommandIsAUsageErrorOnOneLine() {
        Nn.Run run = Nn.run();
        assertEquals(2, run.code(), run.toString());
        assertEquals("", run.out());
        assertEquals("nn: missing command; the commands are train, eval, predict, inspect, plugins, check-plugin (see 'nn --help')\n", run.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestionAndTheCommands() {
        Nn.Run run = Nn.run("trian", "x.json");
        assertEquals(2, run.code(), run.toString());
        assertEquals("nn: unknown command 'trian'; did you mean 'train'? the commands are train, eval, predict, inspect,"
                + " plugins, check-plugin (see 'nn --help')\n", run.err());
        assertEquals("nn: unknown command 'frob'; the commands are train, eval, predict, inspect, plugins, check-plugin"
                + " (see 'nn --help')\n", Nn.run("frob").err());
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        Nn.Run run = Nn.run("plugins", "--colour");
        assertEquals(2, run.code(), run.toString());
        assertEquals("nn plugins: Unknown option: '--colour' (see 'nn plugins --help')\n", run.err());
    }

    @Test
    void aMissingPluginFolderIsAFailureOnOneLineWithoutAStackTrace() {
        Nn.Run run = Nn.run("plugins", "--plugins", "no/such/folder");
        assertEquals(1, run.code(), run.toString());
        assertEquals("nn: plugin folder 'no/such/folder' (from --plugins or NN_PLUGINS) does not exist\n", run.err());
    }

    @Test
    void aPluginFolderNamedLikeACommandIsAFolderNotAMissingValue() {
        Nn.Run run = Nn.run("--plugins", "plugins", "plugins");
        assertEquals(1, run.code(), run.toString());
        assertEquals("nn: plugin folder 'plugins' (from --plugins or NN_PLUGINS) does not exist\n", run.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Nn.Run run = Nn.run("plugins", "--verbose", "--plugins", "no/such/folder");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn: plugin folder 'no/such/folder'"), run.toString());
        assertTrue(run.err().contains("\tat dev.hebb.cli.NnCommand.pluginLoader"), run.toString());
    }

    @Test
    void anErrorWithoutAMessageIsNamedByItsType() {
        assertEquals("internal error java.lang.NullPointerException (run with --verbose for the stack trace)",
                Main.message(new NullPointerException()));
        assertEquals("file not found: x.json", Main.message(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("x.json"))));
        assertEquals("bad value; in two lines", Main.message(new IllegalArgumentException("bad value\n  in two lines")));
    }

    /** PrintStream swallows write errors; a result that did not reach stdout ({@code > /dev/full}) is a failure. */
    @Test
    void aStandardOutputThatCannotBeWrittenIsAFailure(@TempDir Path temp) throws IOException {
        Path config = temp.resolve("c.json");
        Files.writeString(config, "{\"model\": {\"inputs\": 2, \"layers\": [{\"type\": \"dense\", \"units\": 1}]},"
                + " \"loss\": \"mse\", \"optimizer\": \"sgd\", \"training\": {\"epochs\": 1},"
                + " \"data\": {\"train\": \"x.csv\", \"targets\": [\"y\"]}}");
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        }));
        try {
            for (String[] args : new String[][] {{"plugins"}, {"inspect", config.toString()}}) {
                CommandLine cmd = Main.commandLine();      // its stdout is System.out, as in a shell
                StringWriter err = new StringWriter();
                cmd.setErr(new PrintWriter(err, true));
                assertEquals(1, cmd.execute(args), String.join(" ", args));
                assertEquals("nn: standard output could not be written (a full disk?), so the output is"
                        + " incomplete\n", err.toString(), String.join(" ", args));
            }
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * {@code nn plugins | head -1}: the reader has what it wanted, and coreutils would stop silently by SIGPIPE.
     * A real process, whose stdout pipe's read end is closed before the JVM has started, so every write fails.
     */
    @Test
    void aClosedOutputPipeEndsQuietlyWithTheSigpipeStatus() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "plugins").start();
        p.getInputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Main.PIPE_CLOSED, p.waitFor(), err);
        assertFalse(err.contains("nn:"), err);
    }

    /** An empty path is the working folder to Java: `--out ""` wrote the model there. */
    @Test
    void anEmptyFileOrFolderArgumentIsAUsageError() {
        for (String[] args : new String[][] {{"train", "c.json", "--out", ""}, {"train", "--resume", ""},
            {"eval", "m", "--data", ""}, {"predict", "m", "--input", ""}}) {
            Nn.Run run = Nn.run(args);
            String option = args[args.length - 2];
            assertEquals(new Nn.Run(2, "", "nn " + args[0] + ": Invalid value for option '" + option
                    + "': an empty path names no file or folder (see 'nn " + args[0] + " --help')\n"), run);
        }
    }
}
