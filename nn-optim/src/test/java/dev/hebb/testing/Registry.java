package dev.hebb.testing;

import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;

/**
 * The registry the tests look plugins up in, built once the way applications build it
 * ({@link Plugins#registry()}: ServiceLoader + Guice over the test class path), so every test goes
 * through the services files and the public lookup a third party would use.
 */
public final class Registry {

    private static final PluginRegistry REGISTRY = Plugins.registry();

    private Registry() {
    }

    /** The shared registry. */
    public static PluginRegistry get() {
        return REGISTRY;
    }
}
