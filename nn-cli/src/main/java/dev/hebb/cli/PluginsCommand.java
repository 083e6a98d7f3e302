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
        // One width per column for the whole section, so that a long name or default (warmup's startFactor
        // = 0.3333333333333333) does not push its own row's description out of line.
        int nameWidth = 1;
        int typeWidth = 1;
        int defaultWidth = 1;
        for (PluginProvider p : providers.values()) {
            for (HyperparameterSpec h : p.hyperparameterSpecs()) {
                nameWidth = Math.max(nameWidth, h.name().length());
                typeWidth = Math.max(typeWidth, type(h).length());
                defaultWidth = Math.max(defaultWidth, defaultText(h).length());
            }
        }
        String row = "      %-" + nameWidth + "s  %-" + typeWidth + "s  %-" + defaultWidth + "s  %s%n";
        for (PluginProvider p : providers.values()) {
            out.println("  " + p.name() + (p.description().isBlank() ? "" : "  " + p.description()));
            for (HyperparameterSpec h : p.hyperparameterSpecs()) {
                out.printf(row, h.name(), type(h), defaultText(h), h.description());
            }
            out.println("      from " + source(p));
        }
        out.println();
    }

    private static String type(HyperparameterSpec h) {
        return h.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String defaultText(HyperparameterSpec h) {
        return h.isRequired() ? "(required)" : "= " + format(h.defaultValue());
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
