package dev.hebb.cli;

import dev.hebb.io.InvalidFileException;
import dev.hebb.plugin.Names;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code nn} command line's entry point. Exit codes: 0 success, 1 failure, 2 usage error,
 * 130 a training run interrupted after a checkpoint, 141 output to a pipe that closed early. Every
 * error is one line on stderr; its stack trace follows only with {@code --verbose}.
 */
public final class Main {

    /** Exit code of a command that ran and failed (a bad file, a diverging run, a failed check). */
    public static final int FAILURE = 1;
    /** Exit code of a command line that could not be parsed. */
    public static final int USAGE = 2;
    /**
     * Exit code, without a message, when standard output was a pipe whose reader stopped reading: what a shell
     * reports for a program stopped by SIGPIPE (128 + 13), as {@code yes | head -1} gives.
     */
    public static final int PIPE_CLOSED = 141;
    /** The JVM's own standard output: only that one is probed (tests replace {@code System.out}). */
    private static final PrintStream STDOUT = System.out;

    private Main() {
    }

    /** Runs {@code nn} with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        // Charts are drawn off-screen; without this AWT may look for a display.
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The {@code nn} command with its error handling, ready to {@code execute}. Tests redirect its
     * output with {@code setOut} and {@code setErr}.
     */
    public static CommandLine commandLine() {
        return commandLine(new NnCommand());
    }

    /** The command line of {@code root}, with the same error handling. */
    static CommandLine commandLine(NnCommand root) {
        CommandLine cmd = new CommandLine(root);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("nn: " + message(ex));
            if (isVerbose(commandLine)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        });
        cmd.setParameterExceptionHandler(Main::usageError);
        // A plugin folder may be named like a command (`--plugins plugins`, `NN_PLUGINS=plugins`): picocli otherwise
        // refuses an option value that is a subcommand's name, and the folder was reported as a missing --plugins value.
        cmd.setAllowSubcommandsAsOptionParameters(true);
        // Path.of("") is the working folder: `--out ""` wrote the model there, and an empty --data or --resume
        // gave puzzling messages. An empty file or folder argument is a usage error (--plugins has its own converter).
        cmd.registerConverter(Path.class, text -> {
            if (text.isEmpty()) {
                throw new TypeConversionException("an empty path names no file or folder");
            }
            return Path.of(text);
        });
        cmd.setExecutionStrategy(parseResult -> {
            int code = new CommandLine.RunLast().execute(parseResult);
            // PrintWriter and System.out's PrintStream swallow write errors (`nn predict … > /dev/full`): without
            // this check a truncated result would be reported as a success. getOut() first: it flushes into System.out.
            if (code == 0 && (cmd.getOut().checkError() || System.out.checkError())) {
                if (stdoutPipeClosed()) {
                    return PIPE_CLOSED;                 // `nn plugins | head -1`: the reader has what it wanted
                }
                throw new ExecutionException(cmd, "stdout", new CliException(
                        "standard output could not be written (a full disk?), so the output is incomplete"));
            }
            return code;
        });
        return cmd;
    }

    /**
     * Whether standard output is a pipe whose reader has gone. PrintStream keeps only a flag, not the error, so
     * this writes one more byte to the file descriptor: on a closed pipe that fails with "Broken pipe" (the JVM
     * ignores SIGPIPE); on a full disk it fails again.
     */
    private static boolean stdoutPipeClosed() {
        if (System.out != STDOUT) {
            return false;
        }
        try {
            new FileOutputStream(FileDescriptor.out).write('\n');   // not closed: that would close fd 1
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("Broken pipe");
        }
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": ");
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : List.of();
        if (cmd.getParent() == null && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
            // "Unmatched argument at index 0: 'trian'" says nothing to someone who mistyped a command.
            Set<String> commands = cmd.getSubcommands().keySet();
            line.append("unknown command '").append(unmatched.get(0)).append("'")
                    .append(Names.didYouMean(Names.closest(unmatched.get(0), commands)))
                    .append("the commands are ").append(String.join(", ", commands));
        } else {
            line.append(oneLine(ex.getMessage()));
            if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                line.append("; did you mean '").append(u.getSuggestions().get(0)).append("'?");
            }
        }
        line.append(" (see '").append(name).append(" --help')");
        PrintWriter err = cmd.getErr();
        err.println(line);
        if (isVerbose(cmd)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    private static boolean isVerbose(CommandLine commandLine) {
        Object root = commandLine.getCommandSpec().root().userObject();
        return root instanceof NnCommand nn && nn.verbose();
    }

    /** A one-line description of a failure: its message, or its type when it carries none. */
    static String message(Throwable ex) {
        Throwable e = ex;
        String context = "";
        while ((e instanceof UncheckedIOException || e.getClass() == RuntimeException.class) && e.getCause() != null) {
            if (e.getMessage() != null && !e.getMessage().equals(e.getCause().toString())) {
                context += e.getMessage() + ": ";      // e.g. "could not save the checkpoint of epoch 3 to DIR"
            }
            e = e.getCause();
        }
        String text;
        if (e instanceof InvalidFileException) {
            text = e.getMessage();                     // names the file and the place already
        } else if (e instanceof NoSuchFileException f) {
            text = "file not found: " + f.getFile();
        } else if (e instanceof AccessDeniedException f) {
            text = "permission denied: " + f.getFile();
        } else if (e instanceof FileAlreadyExistsException f) {
            text = "already exists: " + f.getFile();
        } else if (e instanceof NotDirectoryException f) {
            text = "not a folder: " + f.getFile();
        } else if (e instanceof IOException) {
            text = "I/O error: " + e.getMessage();
        } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof CliException) {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } else {
            // Not an error the library reports to users: name its type so a bug report can find it.
            text = "internal error " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (run with --verbose for the stack trace)";
        }
        return oneLine(context + text);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
