package dev.hebb.cli;

import dev.hebb.train.EpochMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code nn} in-process as a user would from a shell, capturing what it prints and its exit code. */
final class Nn {

    /** What one run of {@code nn} did. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Nn() {
    }

    static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    /**
     * Runs {@code nn train} as if Ctrl-C came right after epoch {@code epoch} (1-based) ended: a test cannot
     * send a signal to its own JVM (the real signal is tested on the jar by {@code NnJarIT}).
     */
    static Run runInterruptedAfterEpoch(int epoch, String... args) {
        NnCommand root = new NnCommand(err -> new Interruption() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                if (metrics.epoch() + 1 == epoch) {
                    request();
                }
            }
        });
        return run(Main.commandLine(root), args);
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
