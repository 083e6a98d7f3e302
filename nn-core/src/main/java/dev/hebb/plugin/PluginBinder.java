package dev.hebb.plugin;

import com.google.inject.Binder;
import com.google.inject.BindingAnnotation;
import com.google.inject.multibindings.MapBinder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a Guice {@link com.google.inject.Module} contributes plugins. A plugin that needs injected
 * collaborators ships a module (listed in {@code META-INF/services/com.google.inject.Module}) instead of
 * a bare provider:
 *
 * <pre>{@code
 * public final class MyPluginModule extends AbstractModule {
 *     protected void configure() {
 *         PluginBinder.activations(binder()).addBinding("my_activation").to(MyActivationProvider.class);
 *     }
 * }
 * }</pre>
 *
 * <p>The key must equal the provider's {@link PluginProvider#name()}. Two contributions under one name
 * are an error naming both classes and where they were loaded from. To replace a plugin on purpose (an
 * application swapping a built-in for its own), bind it through the matching {@code ...Overrides}
 * binder in a module passed to {@link Plugins#registry(ClassLoader, com.google.inject.Module...)}: an
 * override wins over the contribution of the same name, and an override of a name nobody contributes
 * is an error (it is almost always a misspelling).
 */
public final class PluginBinder {

    private PluginBinder() {
    }

    /** Marks the map of contributed (discovered) providers of one kind. */
    @BindingAnnotation
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
    @interface Contributed {
    }

    /** Marks the map of providers that replace contributed ones. */
    @BindingAnnotation
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
    @interface Overriding {
    }

    /** Contributes activation providers by name. */
    public static MapBinder<String, ActivationProvider> activations(Binder binder) {
        return contributions(binder, ActivationProvider.class);
    }

    /** Contributes loss providers by name. */
    public static MapBinder<String, LossProvider> losses(Binder binder) {
        return contributions(binder, LossProvider.class);
    }

    /** Contributes optimizer providers by name. */
    public static MapBinder<String, OptimizerProvider> optimizers(Binder binder) {
        return contributions(binder, OptimizerProvider.class);
    }

    /** Contributes layer providers by name. */
    public static MapBinder<String, LayerProvider> layers(Binder binder) {
        return contributions(binder, LayerProvider.class);
    }

    /** Contributes learning-rate schedule providers by name. */
    public static MapBinder<String, ScheduleProvider> schedules(Binder binder) {
        return contributions(binder, ScheduleProvider.class);
    }

    /** Replaces activation providers by name. */
    public static MapBinder<String, ActivationProvider> activationOverrides(Binder binder) {
        return overrides(binder, ActivationProvider.class);
    }

    /** Replaces loss providers by name. */
    public static MapBinder<String, LossProvider> lossOverrides(Binder binder) {
        return overrides(binder, LossProvider.class);
    }

    /** Replaces optimizer providers by name. */
    public static MapBinder<String, OptimizerProvider> optimizerOverrides(Binder binder) {
        return overrides(binder, OptimizerProvider.class);
    }

    /** Replaces layer providers by name. */
    public static MapBinder<String, LayerProvider> layerOverrides(Binder binder) {
        return overrides(binder, LayerProvider.class);
    }

    /** Replaces learning-rate schedule providers by name. */
    public static MapBinder<String, ScheduleProvider> scheduleOverrides(Binder binder) {
        return overrides(binder, ScheduleProvider.class);
    }

    static <P extends PluginProvider> MapBinder<String, P> contributions(Binder binder, Class<P> type) {
        // Duplicates are permitted so that the registry, not Guice, reports them: it knows the plugin
        // kind and the jars the classes came from.
        return MapBinder.newMapBinder(binder, String.class, type, Contributed.class).permitDuplicates();
    }

    static <P extends PluginProvider> MapBinder<String, P> overrides(Binder binder, Class<P> type) {
        return MapBinder.newMapBinder(binder, String.class, type, Overriding.class).permitDuplicates();
    }
}
