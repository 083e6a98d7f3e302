package dev.hebb.cli;

import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command {@code nn}: the options every command shares, and the plugin registry they use.
 */
@Command(name = "nn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        showDefaultValues = true, sortOptions = false,
        description = "Hebb: train, evaluate and use neural networks, and check plugins.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, InspectCommand.class,
            PluginsCommand.class, CheckPluginCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error,", "  130 interrupted after a checkpoint (nn train),",
            "  141 output to a pipe closed early (nn plugins | head), silently.",
            "Run 'nn COMMAND --help' for a command's options."})
public final class NnCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail, and the stack trace of an error.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress output: only results and errors.")
    private boolean quiet;

    // Its own converter: an empty NN_PLUGINS means no plugin folder, where other empty paths are usage errors.
    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT, defaultValue = "${env:NN_PLUGINS}",
            converter = OptionalPath.class,
            description = "A folder of plugin jars to load (every *.jar in it); defaults to $NN_PLUGINS.")
    private Path pluginsDir;

    /** A path that may be empty (then none). */
    static final class OptionalPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            return text.isEmpty() ? null : Path.of(text);
        }
    }

    private final Interruption.Source interruptions;
    private PluginRegistry registry;

    /** The command line {@code nn} runs: training stops on Ctrl-C or SIGTERM. */
    public NnCommand() {
        this(Interruption::onShutdownSignal);
    }

    /** A command line whose training runs stop when an interruption from {@code interruptions} is requested. */
    NnCommand(Interruption.Source interruptions) {
        this.interruptions = interruptions;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command; the commands are "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    /** Whether {@code --quiet} was given. */
    boolean quiet() {
        return quiet;
    }

    /** Where a training run's stop request comes from. */
    Interruption.Source interruptions() {
        return interruptions;
    }

    /** Where results go. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where errors and progress notes go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The registry of the built-in plugins plus those in the {@code --plugins} folder, built once.
     *
     * @throws CliException when the folder does not exist or holds an unreadable jar
     */
    PluginRegistry registry() {
        if (registry == null) {
            registry = Plugins.registry(pluginLoader());
        }
        return registry;
    }

    /** A class loader over every jar in the plugin folder, or this class's loader when there is none. */
    ClassLoader pluginLoader() {
        ClassLoader parent = NnCommand.class.getClassLoader();
        if (pluginsDir == null) {
            return parent;
        }
        if (!Files.isDirectory(pluginsDir)) {
            throw new CliException("plugin folder '" + pluginsDir + "' (from --plugins or NN_PLUGINS) "
                    + (Files.exists(pluginsDir) ? "is not a folder" : "does not exist"));
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                checkJar(p);
                jars.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new CliException("cannot read plugin folder '" + pluginsDir + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (verbose) {
            err().println("nn: loading " + jars.size() + " plugin jar(s) from " + pluginsDir);
        }
        return new URLClassLoader("nn-plugins", jars.toArray(URL[]::new), parent);
    }

    /** Fails naming {@code jar} when it cannot be opened: the class loader would skip it silently. */
    private void checkJar(Path jar) throws IOException {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opens: its plugins will be found
        } catch (ZipException e) {
            throw new CliException(jar + " in the plugin folder (from --plugins or NN_PLUGINS) is not a valid jar", e);
        }
    }
}
