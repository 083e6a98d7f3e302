package dev.hebb.cli;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.PluginProvider;
import dev.hebb.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nn plugins}: every plugin found, with its hyperparameters, their defaults, and its jar. */
@Command(name = "plugins", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "List every activation, loss, optimizer, layer and schedule found, with hyperparameters,"
                + " defaults, and the jar each came from.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private NnCommand nn;

    @Override
    public Integer call() {
        PluginRegistry registry = nn.registry();
        PrintWriter out = nn.out();
        section(out, "activations", registry.activations());
        section(out, "losses", registry.losses());
        section(out, "optimizers", registry.optimizers());
        section(out, "layers", registry.layers());
        section(out, "schedules", registry.schedules());
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, ? extends PluginProvider> providers) {
        out.println(title + " (" + providers.size() + ")");
        for (PluginProvider p : providers.values()) {
            out.println("  " + p.name() + (p.description().isBlank() ? "" : "  " + p.description()));
            for (HyperparameterSpec h : p.hyperparameterSpecs()) {
                out.printf("      %-16s %-11s %-18s %s%n", h.name(), h.type().name().toLowerCase(java.util.Locale.ROOT),
                        h.isRequired() ? "(required)" : "= " + format(h.defaultValue()), h.description());
            }
            out.println("      from " + source(p));
        }
        out.println();
    }

    /** A default value as a user would type it in a config. */
    static String format(Object value) {
        if (value instanceof double[] d) {
            return Arrays.toString(d);
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }

    /** The jar or folder a plugin's class was loaded from. */
    static String source(Object plugin) {
        CodeSource cs = plugin.getClass().getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        if (url == null) {
            return "(unknown location)";
        }
        try {
            return "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toString() : url.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.toString();
        }
    }
}
