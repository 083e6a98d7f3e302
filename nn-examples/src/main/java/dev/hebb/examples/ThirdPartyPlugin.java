package dev.hebb.examples;

import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A third-party plugin used from a jar that is not on the class path: the {@code nn-plugin-example}
 * jar (module {@code nn-examples/plugin-example}) holds the {@code squareplus} activation and the
 * {@code lion} optimizer, each one class plus one {@code META-INF/services} line. This example loads
 * every jar of a folder through its own {@link URLClassLoader}, builds the registry over it with
 * {@link Plugins#registry(ClassLoader, com.google.inject.Module...)}, and trains the digits MLP with
 * squareplus hidden units and Lion, both found by name exactly like the built-ins.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.ThirdPartyPlugin [PLUGIN_DIR] [digits.csv.gz]
 * ./nn train examples/plugin-example.json --plugins nn-examples/target/plugins
 * ./nn check-plugin squareplus --plugins nn-examples/target/plugins
 * </pre>
 */
public final class ThirdPartyPlugin {

    /** Where the build copies the plugin jar (maven-dependency-plugin, before the tests). */
    public static final String DEFAULT_DIR = "nn-examples/target/plugins";

    /**
     * Digits with squareplus and Lion. Every coordinate of a Lion update has size lr, so its learning
     * rate is 3 to 10 times smaller than Adam's, as its authors advise.
     */
    public static final CsvClassifier.Settings SETTINGS =
            new CsvClassifier.Settings("squareplus", new int[] {128}, "lion", 3e-4, 20, 32, 0, 0.2);

    private ThirdPartyPlugin() {
    }

    /**
     * The registry of the class path's plugins plus those of every {@code .jar} in {@code dir}, loaded
     * by a new class loader whose parent is this class's.
     *
     * @throws IllegalArgumentException when {@code dir} is not a folder or holds no jar
     */
    public static PluginRegistry registryWith(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("plugin folder " + dir.toAbsolutePath() + " does not exist; build the"
                    + " plugin with 'mvn -pl nn-examples -am package' or pass the folder holding its jar");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("plugin folder " + dir.toAbsolutePath() + " holds no .jar file");
        }
        ClassLoader plugins = new URLClassLoader("plugins", jars.toArray(URL[]::new), ThirdPartyPlugin.class.getClassLoader());
        return Plugins.registry(plugins);
    }

    /** Trains and prints where each plugin came from and the test accuracy. */
    public static void main(String[] args) throws IOException {
        PluginRegistry registry = registryWith(Path.of(args.length > 0 ? args[0] : DEFAULT_DIR));
        System.out.println("squareplus: " + registry.activationProvider("squareplus").getClass().getProtectionDomain()
                .getCodeSource().getLocation());
        System.out.println("lion:       " + registry.optimizerProvider("lion").getClass().getProtectionDomain()
                .getCodeSource().getLocation());
        CsvClassifier.Result r = CsvClassifier.train(ExampleData.fileOrArgument(
                        args.length > 1 ? new String[] {args[1]} : new String[0], "digits.csv.gz"),
                "digit", SETTINGS, registry, new ProgressPrinter(System.out, SETTINGS.epochs(), 5));
        System.out.printf(Locale.ROOT, "test accuracy %.4f on %d held-out digits with squareplus and Lion%n",
                r.test().accuracy().orElseThrow(), r.test().samples());
    }
}
