package dev.hebb.testing;

import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.plugin.LossProvider;
import dev.hebb.plugin.OptimizerProvider;
import dev.hebb.plugin.PluginProvider;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.ScheduleProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry the tests look plugins up in: every provider ServiceLoader finds on the test class path. */
public final class Registry {

    private static final PluginRegistry REGISTRY = new PluginRegistry(load(ActivationProvider.class),
            load(LossProvider.class), load(OptimizerProvider.class), load(LayerProvider.class),
            load(ScheduleProvider.class));

    private Registry() {
    }

    /** The shared registry. */
    public static PluginRegistry get() {
        return REGISTRY;
    }

    private static <P extends PluginProvider> Map<String, P> load(Class<P> kind) {
        Map<String, P> map = new LinkedHashMap<>();
        for (P p : ServiceLoader.load(kind)) {
            map.put(p.name(), p);
        }
        return map;
    }
}
