package dev.hebb.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Modules;
import com.google.inject.util.Types;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds plugins and assembles the {@link PluginRegistry}.
 *
 * <p>Providers are discovered with {@link ServiceLoader} from
 * {@code META-INF/services/dev.hebb.plugin.<Kind>Provider} files; plugins that need injected
 * collaborators ship a Guice {@link Module} instead, listed in
 * {@code META-INF/services/com.google.inject.Module}, which contributes through {@link PluginBinder}.
 * Guice {@code MapBinder}s collect both by name. Typical use:
 *
 * <pre>{@code
 * PluginRegistry plugins = Plugins.registry();                       // the class path
 * PluginRegistry withJars = Plugins.registry(new URLClassLoader(jarUrls, parent));
 * Activation relu = plugins.activation("relu", Hyperparameters.empty());
 * }</pre>
 *
 * <p>Two plugins of one kind under one name fail with a message naming both classes and the jars or
 * directories they were loaded from. An application replaces a built-in on purpose with an override
 * module:
 *
 * <pre>{@code
 * Plugins.registry(loader, new AbstractModule() {
 *     protected void configure() {
 *         PluginBinder.activationOverrides(binder()).addBinding("relu").toInstance(new MyRelu());
 *     }
 * });
 * }</pre>
 *
 * <p>Override modules are applied with {@link Modules#override}, so they may also replace ordinary
 * bindings that plugin modules made. Building a registry scans the class path and starts an injector:
 * build one per application and keep it.
 */
public final class Plugins {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private Plugins() {
    }

    /** The registry of every plugin visible to the current thread's context class loader. */
    public static PluginRegistry registry() {
        return registry(defaultLoader());
    }

    /**
     * The registry of every plugin visible to {@code loader}, with {@code overrides} applied last.
     *
     * @throws IllegalStateException when two plugins share a name, a plugin cannot be loaded, or an
     *                               override replaces no plugin
     */
    public static PluginRegistry registry(ClassLoader loader, Module... overrides) {
        Module base = module(loader);
        Module all = overrides.length == 0 ? base : Modules.override(base).with(overrides);
        try {
            return Guice.createInjector(all).getInstance(PluginRegistry.class);
        } catch (CreationException e) {
            throw unwrap(e, e.getCause());
        } catch (ProvisionException e) {
            throw unwrap(e, e.getCause());
        }
    }

    /**
     * The Guice module that discovers the plugins visible to {@code loader} (scanned now) and binds
     * {@link PluginRegistry} as a singleton, for applications that assemble their own injector.
     *
     * @throws IllegalStateException when a plugin class listed in a services file cannot be loaded
     */
    public static Module module(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new PluginModule(List.of(
                Kind.discover("activation", ActivationProvider.class, loader),
                Kind.discover("loss", LossProvider.class, loader),
                Kind.discover("optimizer", OptimizerProvider.class, loader),
                Kind.discover("layer", LayerProvider.class, loader),
                Kind.discover("schedule", ScheduleProvider.class, loader)),
                load(Module.class, loader));
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Plugins.class.getClassLoader();
    }

    private static <S> List<S> load(Class<S> service, ClassLoader loader) {
        List<S> found = new ArrayList<>();
        try {
            for (S s : ServiceLoader.load(service, loader)) {
                found.add(s);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a plugin listed in META-INF/services/" + service.getName()
                    + listedIn(service, loader, e.getMessage()) + ": " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * " of JAR" for the services file that lists the class {@link ServiceLoader}'s error names ("Provider
     * x.Y not found"), so that the user knows which jar to fix; "" when it cannot be told.
     */
    private static String listedIn(Class<?> service, ClassLoader loader, String error) {
        java.util.regex.Matcher m = Pattern.compile("Provider (\\S+)").matcher(String.valueOf(error));
        if (!m.find()) {
            return "";
        }
        String className = m.group(1);
        try {
            for (URL file : java.util.Collections.list(loader.getResources("META-INF/services/" + service.getName()))) {
                try (java.io.InputStream in = file.openStream()) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    if (text.lines().map(l -> l.replaceAll("#.*", "").trim()).anyMatch(className::equals)) {
                        String where = file.toString();
                        int inJar = where.indexOf("!/");
                        // jar:file:/x/plugin.jar!/META-INF/services/...: the jar is what the user can fix.
                        return " of " + (where.startsWith("jar:") && inJar > 0
                                ? location(new URL(where.substring(4, inJar))) : location(file));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // The original error says enough.
        }
        return "";
    }

    private static RuntimeException unwrap(RuntimeException guiceError, Throwable cause) {
        // Our own configuration errors are clearer than Guice's wrapping of them.
        return cause instanceof IllegalStateException || cause instanceof IllegalArgumentException
                ? (RuntimeException) cause : guiceError;
    }

    /**
     * Merges the contributed providers of one kind with the overrides, failing on duplicates, on keys
     * that differ from the provider's name and on overrides that replace nothing.
     */
    static <P extends PluginProvider> Map<String, P> merge(String kind, Map<String, Set<P>> contributed,
                                                          Map<String, Set<P>> overrides) {
        Map<String, P> merged = new TreeMap<>();
        contributed.forEach((name, providers) -> merged.put(name, single(kind, name, providers, "")));
        overrides.forEach((name, providers) -> {
            P provider = single(kind, name, providers, "override ");
            if (!merged.containsKey(name)) {
                String suggestion = Names.closest(name, merged.keySet());
                throw new IllegalStateException("override " + origin(provider) + " replaces " + kind + " '" + name
                        + "', but no " + kind + " has that name"
                        + Names.didYouMean(suggestion)
                        + "known: " + (merged.isEmpty() ? "(none)" : String.join(", ", merged.keySet())));
            }
            merged.put(name, provider);
        });
        return merged;
    }

    private static <P extends PluginProvider> P single(String kind, String name, Set<P> providers, String role) {
        if (providers.size() > 1) {
            List<String> origins = providers.stream().map(Plugins::origin).sorted().toList();
            throw new IllegalStateException(providers.size() + " " + role + kind + " plugins are named '" + name + "': "
                    + String.join(" and ", origins) + "; remove all but one from the class path, or replace a built-in"
                    + " on purpose with PluginBinder." + kind + "Overrides");
        }
        P provider = providers.iterator().next();
        String declared = provider.name();
        if (!name.equals(declared)) {
            throw new IllegalStateException(kind + " plugin " + origin(provider) + " is bound as '" + name
                    + "' but its name() is '" + declared + "'; the two must agree");
        }
        if (!SNAKE_CASE.matcher(name).matches()) {
            throw new IllegalStateException(kind + " plugin " + origin(provider) + " is named '" + name
                    + "', which is not a snake_case id such as 'leaky_relu'");
        }
        return provider;
    }

    /** The class of {@code plugin} and the jar or directory it was loaded from. */
    static String origin(Object plugin) {
        Class<?> type = plugin.getClass();
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return type.getName() + " (from " + (url == null ? "an unknown location" : location(url)) + ")";
    }

    private static String location(URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return url.toString();
            }
        }
        return url.toString();
    }

    /** Installs the discovered modules and binds every kind of plugin. */
    private static final class PluginModule extends AbstractModule {
        private final List<Kind<?>> kinds;
        private final List<Module> modules;

        PluginModule(List<Kind<?>> kinds, List<Module> modules) {
            this.kinds = kinds;
            this.modules = modules;
        }

        @Override
        protected void configure() {
            kinds.forEach(kind -> kind.bind(binder()));
            modules.forEach(this::install);
            bind(PluginRegistry.class).in(Singleton.class);
        }
    }

    /**
     * One kind of plugin and the providers of it found through {@link ServiceLoader}. It binds them (as
     * {@link PluginBinder} contributions, beside those of plugin modules) and the {@code Map<String, P>} the
     * registry gets: the contributions {@linkplain #merge merged} with the overrides.
     */
    private record Kind<P extends PluginProvider>(String name, Class<P> type, List<P> discovered) {

        static <P extends PluginProvider> Kind<P> discover(String name, Class<P> type, ClassLoader loader) {
            return new Kind<>(name, type, load(type, loader));
        }

        void bind(Binder binder) {
            MapBinder<String, P> contributions = PluginBinder.contributions(binder, type);
            for (P p : discovered) {
                if (p.name() == null) {
                    throw new IllegalStateException("plugin " + origin(p) + " has no name()");
                }
                contributions.addBinding(p.name()).toInstance(p);
            }
            // Declared even when empty, so that the merged map can always be built.
            PluginBinder.overrides(binder, type);
            TypeLiteral<Map<String, Set<P>>> byName = literal(Types.mapOf(String.class, Types.setOf(type)));
            Provider<Map<String, Set<P>>> contributed = binder.getProvider(Key.get(byName, PluginBinder.Contributed.class));
            Provider<Map<String, Set<P>>> overriding = binder.getProvider(Key.get(byName, PluginBinder.Overriding.class));
            Provider<Map<String, P>> merged = () -> merge(name, contributed.get(), overriding.get());
            TypeLiteral<Map<String, P>> mapType = literal(Types.mapOf(String.class, type));
            binder.bind(mapType).toProvider(merged).in(Singleton.class);
        }

        @SuppressWarnings("unchecked") // the type is built from Class<P>, so the literal is exactly T
        private static <T> TypeLiteral<T> literal(java.lang.reflect.Type type) {
            return (TypeLiteral<T>) TypeLiteral.get(type);
        }
    }
}
