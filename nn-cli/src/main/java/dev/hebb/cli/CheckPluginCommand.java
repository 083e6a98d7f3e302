package dev.hebb.cli;

import dev.hebb.gradcheck.PluginContract;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.plugin.LossProvider;
import dev.hebb.plugin.Names;
import dev.hebb.plugin.OptimizerProvider;
import dev.hebb.plugin.PluginProvider;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.ScheduleProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nn check-plugin NAME}: runs {@link PluginContract} on an activation, loss, optimizer, schedule or layer and
 * prints PASS or FAIL per check. Exit code 0 only when every check passes.
 */
@Command(name = "check-plugin", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Check that an activation, loss, optimizer, schedule or layer keeps the plugin contract: gradients"
                + " match finite differences, extreme inputs give no NaN or infinity, shapes are checked, an optimizer"
                + " decreases the loss of a convex problem, a schedule's rate depends on the epoch alone (as resuming"
                + " needs), and a layer's parameter gradients start from zero at every step. A layer is checked on"
                + " samples of 5 features. Exit code 0 only when every check passes."})
final class CheckPluginCommand implements Callable<Integer> {

    /** The kinds of plugin the contract covers. */
    enum Kind { activation, loss, optimizer, schedule, layer }

    private static final Map<Kind, String> PLURALS = Map.of(Kind.activation, "activations", Kind.loss, "losses",
            Kind.optimizer, "optimizers", Kind.schedule, "schedules", Kind.layer, "layers");

    @ParentCommand
    private NnCommand nn;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The plugin's name, as in configs (e.g. relu, cross_entropy, adam).")
    private String name;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Which kind NAME is, when more than one kind has a plugin of that name: ${COMPLETION-CANDIDATES}.")
    private Kind kind;

    @Option(names = {"-H", "--hyperparameter"}, paramLabel = "KEY=VALUE",
            description = "A hyperparameter to create the plugin with (repeatable); the others take their defaults."
                    + " Values: numbers, true/false, comma-separated number lists, or text.")
    private Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PluginRegistry registry = nn.registry();
        Kind k = resolveKind(registry);
        Hyperparameters h = parse(hyperparameters);
        PluginProvider provider = switch (k) {
            case activation -> registry.activationProvider(name);
            case loss -> registry.lossProvider(name);
            case optimizer -> registry.optimizerProvider(name);
            case schedule -> registry.scheduleProvider(name);
            case layer -> registry.layerProvider(name);
        };
        try {
            // An unknown key or a mistyped value is the user's mistake, not a contract failure of the plugin.
            // Checked as the contract will create the plugin (it supplies an optimizer's required lr).
            provider.checkHyperparameters(k == Kind.optimizer
                    ? PluginContract.optimizerHyperparameters((OptimizerProvider) provider, h) : h, registry);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "-H: " + e.getMessage());
        }
        PluginContract.Report report = switch (k) {
            case activation -> PluginContract.activation((ActivationProvider) provider, h, registry.activations()::containsKey);
            case loss -> PluginContract.loss((LossProvider) provider, h);
            case optimizer -> PluginContract.optimizer((OptimizerProvider) provider, h);
            case schedule -> PluginContract.schedule((ScheduleProvider) provider, h, registry);
            case layer -> PluginContract.layer((LayerProvider) provider, h, registry);
        };
        PrintWriter out = nn.out();
        out.println(k + " " + name + " (" + provider.getClass().getName() + " from " + PluginsCommand.source(provider) + ")");
        for (PluginContract.Check c : report.checks()) {
            out.println("  " + (c.passed() ? "PASS" : "FAIL") + "  " + c.name() + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        }
        long passed = report.checks().stream().filter(PluginContract.Check::passed).count();
        out.println(passed + " of " + report.checks().size() + " checks passed");
        out.flush();
        if (!report.passed()) {
            throw new CliException(name + " fails " + (report.checks().size() - passed) + " of "
                    + report.checks().size() + " contract checks (see the FAIL lines above)");
        }
        return 0;
    }

    private Kind resolveKind(PluginRegistry registry) {
        if (kind != null) {
            return kind;            // the registry's lookup reports an unknown name with suggestions
        }
        Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);
        names.put(Kind.activation, registry.activations().keySet());
        names.put(Kind.loss, registry.losses().keySet());
        names.put(Kind.optimizer, registry.optimizers().keySet());
        names.put(Kind.schedule, registry.schedules().keySet());
        names.put(Kind.layer, registry.layers().keySet());
        List<Kind> found = names.keySet().stream().filter(k -> names.get(k).contains(name)).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            List<String> all = names.values().stream().flatMap(Set::stream).toList();
            List<String> listed = names.entrySet().stream()
                    .map(e -> PLURALS.get(e.getKey()) + ": " + String.join(", ", e.getValue())).toList();
            throw new CliException("no activation, loss, optimizer, schedule or layer is named '" + name + "'"
                    + Names.didYouMean(Names.closest(name, all)) + String.join("; ", listed));
        }
        throw new CliException("'" + name + "' names plugins of several kinds (" + found
                + "); choose one with --kind");
    }

    /** Command-line text to hyperparameter values: numbers, booleans, number lists, or strings. */
    static Hyperparameters parse(Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((key, text) -> values.put(key, value(text.strip())));
        return Hyperparameters.of(values);
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            if (text.contains(",")) {
                List<Double> list = new ArrayList<>();
                for (String part : text.split(",")) {
                    list.add(Double.parseDouble(part.strip()));
                }
                return list;
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
