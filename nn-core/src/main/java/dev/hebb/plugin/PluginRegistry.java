package dev.hebb.plugin;

import dev.hebb.activation.Activation;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.loss.Loss;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.optim.Optimizer;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every plugin the application can use, by name. The engine, IO and the CLI ask this registry and
 * never name an implementation. Build one with {@code Plugins.registry} (ServiceLoader + Guice), or
 * inject it.
 *
 * <p>Lookups of unknown names fail with the known names and the closest match; hyperparameters a
 * plugin does not declare are rejected with the plugin's name and its known keys.
 */
public final class PluginRegistry {

    private final Kind<ActivationProvider> activations;
    private final Kind<LossProvider> losses;
    private final Kind<OptimizerProvider> optimizers;
    private final Kind<LayerProvider> layers;
    private final Kind<ScheduleProvider> schedules;

    /** A registry over the given providers, keyed by name (as Guice's {@code MapBinder}s deliver them). */
    @Inject
    public PluginRegistry(Map<String, ActivationProvider> activations, Map<String, LossProvider> losses,
                          Map<String, OptimizerProvider> optimizers, Map<String, LayerProvider> layers,
                          Map<String, ScheduleProvider> schedules) {
        this.activations = new Kind<>("activation", activations);
        this.losses = new Kind<>("loss", losses);
        this.optimizers = new Kind<>("optimizer", optimizers);
        this.layers = new Kind<>("layer", layers);
        this.schedules = new Kind<>("schedule", schedules);
    }

    /** A new activation by name; {@code hyperparameters} may hold only the keys it declares. */
    public Activation activation(String name, Hyperparameters hyperparameters) {
        ActivationProvider p = activations.get(name);
        return created("activation", p, p.create(checked(p, hyperparameters)));
    }

    /** A new loss by name. */
    public Loss loss(String name, Hyperparameters hyperparameters) {
        LossProvider p = losses.get(name);
        return created("loss", p, p.create(checked(p, hyperparameters)));
    }

    /**
     * A new optimizer by name over {@code parameters}.
     *
     * @throws IllegalArgumentException also when a parameter is listed twice, which would update it twice per step
     */
    public Optimizer optimizer(String name, List<Parameter> parameters, Hyperparameters hyperparameters) {
        OptimizerProvider p = optimizers.get(name);
        Hyperparameters h = checked(p, hyperparameters);
        rejectRepeated(name, parameters);
        return created("optimizer", p, p.create(parameters, h));
    }

    /** A new layer by type name. */
    public Layer layer(String type, Hyperparameters hyperparameters, LayerContext context) {
        LayerProvider p = layers.get(type);
        return created("layer", p, p.create(checked(p, hyperparameters), context));
    }

    /**
     * A new learning-rate schedule by name: a {@link NamedSchedule}, which remembers the name and
     * hyperparameters so that a config built from it records the schedule.
     */
    public LearningRateSchedule schedule(String name, Hyperparameters hyperparameters) {
        ScheduleProvider p = schedules.get(name);
        return new NamedSchedule(p.name(), hyperparameters, created("schedule", p, p.create(checked(p, hyperparameters), this)));
    }

    /** The activation provider named {@code name}; fails with the known names when there is none. */
    public ActivationProvider activationProvider(String name) {
        return activations.get(name);
    }

    /** The loss provider named {@code name}. */
    public LossProvider lossProvider(String name) {
        return losses.get(name);
    }

    /** The optimizer provider named {@code name}. */
    public OptimizerProvider optimizerProvider(String name) {
        return optimizers.get(name);
    }

    /** The layer provider named {@code name}. */
    public LayerProvider layerProvider(String name) {
        return layers.get(name);
    }

    /** The schedule provider named {@code name}. */
    public ScheduleProvider scheduleProvider(String name) {
        return schedules.get(name);
    }

    /** All activation providers, sorted by name. */
    public Map<String, ActivationProvider> activations() {
        return activations.all;
    }

    /** All loss providers, sorted by name. */
    public Map<String, LossProvider> losses() {
        return losses.all;
    }

    /** All optimizer providers, sorted by name. */
    public Map<String, OptimizerProvider> optimizers() {
        return optimizers.all;
    }

    /** All layer providers, sorted by name. */
    public Map<String, LayerProvider> layers() {
        return layers.all;
    }

    /** All schedule providers, sorted by name. */
    public Map<String, ScheduleProvider> schedules() {
        return schedules.all;
    }

    /**
     * {@code plugin}, or an error naming the provider when its {@code create} returned null: the caller would
     * otherwise fail later, far from the plugin (or, as a warm-up's 'after' schedule, silently do without it).
     */
    private static <T> T created(String kind, PluginProvider provider, T plugin) {
        if (plugin == null) {
            throw new IllegalStateException(kind + " plugin '" + provider.name() + "' (" + provider.getClass().getName()
                    + ") returned null from create()");
        }
        return plugin;
    }

    /** Fails on the first parameter that is the same object as an earlier one (null ones are the optimizer's to reject). */
    private static void rejectRepeated(String optimizer, List<Parameter> parameters) {
        if (parameters == null) {
            return;
        }
        Map<Parameter, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Integer earlier = p == null ? null : seen.putIfAbsent(p, i);
            if (earlier != null) {
                throw new IllegalArgumentException(optimizer + ": parameter " + i + " (" + p.name() + ") is the same object as"
                        + " parameter " + earlier + "; a parameter listed twice would be updated twice in every step");
            }
        }
    }

    private Hyperparameters checked(PluginProvider provider, Hyperparameters hyperparameters) {
        provider.checkHyperparameters(hyperparameters, this);
        return hyperparameters;
    }

    /**
     * Rejects keys the provider does not declare, e.g. "leaky_relu has no hyperparameter 'slope';
     * known: negativeSlope".
     */
    static void checkKeys(PluginProvider provider, Hyperparameters hyperparameters) {
        List<String> known = provider.hyperparameterSpecs().stream().map(HyperparameterSpec::name).toList();
        for (String key : hyperparameters.keys()) {
            if (!known.contains(key)) {
                String suggestion = Names.closest(key, known);
                throw new IllegalArgumentException(provider.name() + " has no hyperparameter '" + key + "'"
                        + (known.isEmpty() ? "; it takes none"
                                : Names.didYouMean(suggestion) + "known: " + String.join(", ", known)));
            }
        }
        for (HyperparameterSpec spec : provider.hyperparameterSpecs()) {
            if (spec.isRequired() && !hyperparameters.has(spec.name())) {
                throw new IllegalArgumentException(provider.name() + " needs hyperparameter '"
                        + spec.name() + "' (" + spec.description() + ")");
            }
            checkType(provider, spec, hyperparameters);
        }
    }

    /**
     * Fails, naming the plugin, when a given value is not of its declared type: the provider would fail the
     * same way when it reads the value, but without saying whose hyperparameter it is.
     */
    private static void checkType(PluginProvider provider, HyperparameterSpec spec, Hyperparameters h) {
        String key = spec.name();
        if (!h.has(key)) {
            return;
        }
        try {
            switch (spec.type()) {
                case NUMBER -> h.getDouble(key, 0);
                case INTEGER -> h.getInt(key, 0);
                case BOOLEAN -> h.getBoolean(key, false);
                case STRING -> h.getString(key, null);
                case NUMBER_LIST -> h.getDoubles(key);
                case OBJECT -> { } // a nested object or a plain value, as the provider reads it
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(provider.name() + ": " + e.getMessage(), e);
        }
    }

    /** The providers of one kind, with the unknown-name error. */
    private static final class Kind<P extends PluginProvider> {
        private final String kind;
        private final Map<String, P> all;

        Kind(String kind, Map<String, P> providers) {
            this.kind = kind;
            this.all = Collections.unmodifiableMap(new TreeMap<>(providers));
        }

        P get(String name) {
            P p = all.get(name);
            if (p == null) {
                String suggestion = Names.closest(name, all.keySet());
                throw new IllegalArgumentException("unknown " + kind + " '" + name + "'" + Names.didYouMean(suggestion)
                        + "known: " + (all.isEmpty() ? "(none)" : String.join(", ", all.keySet())));
            }
            return p;
        }
    }
}
