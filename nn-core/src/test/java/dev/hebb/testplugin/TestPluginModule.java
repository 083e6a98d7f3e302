package dev.hebb.testplugin;

import com.google.inject.AbstractModule;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginBinder;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.ScheduleProvider;
import jakarta.inject.Inject;

/**
 * Test-only plugin shipped as a Guice module (listed in META-INF/services/com.google.inject.Module):
 * its schedule provider needs an injected collaborator, the factor.
 */
public final class TestPluginModule extends AbstractModule {

    @Override
    protected void configure() {
        bindConstant().annotatedWith(Names.named("test.factor")).to(0.25);
        PluginBinder.schedules(binder()).addBinding("test_scaled").to(ScaledScheduleProvider.class);
    }

    /** lr(epoch) = factor · baseLr, with the factor injected. */
    public static final class ScaledScheduleProvider implements ScheduleProvider {
        private final double factor;

        /** Takes the injected factor. */
        @Inject
        public ScaledScheduleProvider(@Named("test.factor") double factor) {
            this.factor = factor;
        }

        @Override
        public String name() {
            return "test_scaled";
        }

        @Override
        public LearningRateSchedule create(Hyperparameters hyperparameters, PluginRegistry registry) {
            return (epoch, base) -> factor * base;
        }
    }
}
