package dev.hebb.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.name.Names;
import dev.hebb.activation.Activation;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.tensor.Tensor;
import dev.hebb.testplugin.PluginJar;
import dev.hebb.testplugin.TestSigmoidProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    private static final String ACTIVATION_SERVICE = "dev.hebb.plugin.ActivationProvider";

    /** A third-party activation, softsign(x) = x / (1 + |x|), as a source file compiled at test time. */
    private static String softsignSource(String pkg, String className, String name) {
        return """
                package %s;

                import dev.hebb.activation.Activation;
                import dev.hebb.plugin.ActivationProvider;
                import dev.hebb.plugin.Hyperparameters;
                import dev.hebb.tensor.Tensor;

                public final class %s implements ActivationProvider {
                    public String name() { return "%s"; }
                    public Activation create(Hyperparameters h) {
                        return new Activation() {
                            public String name() { return "%s"; }
                            public void forward(Tensor x, Tensor y) {
                                float[] a = x.data(), b = y.data();
                                for (int i = 0; i < a.length; i++) b[i] = a[i] / (1 + Math.abs(a[i]));
                            }
                            public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                                float[] a = x.data(), g = dy.data(), d = dx.data();
                                for (int i = 0; i < a.length; i++) { float s = 1 + Math.abs(a[i]); d[i] = g[i] / (s * s); }
                            }
                        };
                    }
                }
                """.formatted(pkg, className, name, name);
    }

    private static Path providerJar(Path dir, String jarName, String pkg, String className, String name)
            throws IOException {
        return PluginJar.build(dir, jarName, Map.of(pkg + "." + className, softsignSource(pkg, className, name)),
                Map.of(ACTIVATION_SERVICE, pkg + "." + className));
    }

    private static URLClassLoader loader(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, PluginsTest.class.getClassLoader());
    }

    @Test
    void discoversBuiltInAndTestProvidersOnTheClassPath() {
        PluginRegistry registry = Plugins.registry();
        assertEquals(List.of("activation", "dense", "dropout"), List.copyOf(registry.layers().keySet()));
        assertEquals(List.of("test_sigmoid"), List.copyOf(registry.activations().keySet()));
        assertEquals(List.of("test_mse"), List.copyOf(registry.losses().keySet()));
        assertEquals(List.of("test_sgd"), List.copyOf(registry.optimizers().keySet()));
        assertEquals(List.of("test_scaled"), List.copyOf(registry.schedules().keySet()));
    }

    @Test
    void pluginShippedAsGuiceModuleGetsItsCollaboratorInjected() {
        // TestPluginModule binds the factor 0.25 and the provider; lr = 0.25 * base.
        assertEquals(0.025, Plugins.registry().schedule("test_scaled", Hyperparameters.empty()).learningRate(3, 0.1),
                1e-15);
    }

    @Test
    void unknownNameListsKnownNamesAndClosestMatch() {
        ActivationProvider relu = new NamedActivation("relu");
        PluginRegistry registry = new PluginRegistry(
                Map.of("relu", relu, "sigmoid", new NamedActivation("sigmoid"), "tanh", new NamedActivation("tanh")),
                Map.of(), Map.of(), Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.activation("rleu", Hyperparameters.empty()));
        assertEquals("unknown activation 'rleu'; did you mean 'relu'? known: relu, sigmoid, tanh", e.getMessage());
    }

    @Test
    void unknownNameWithoutCloseMatchOnlyListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().loss("hinge_embedding", Hyperparameters.empty()));
        assertEquals("unknown loss 'hinge_embedding'; known: test_mse", e.getMessage());
    }

    @Test
    void unknownNameFromTheClassPathRegistrySuggestsTheProvider() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().activation("test_sigmiod", Hyperparameters.empty()));
        assertEquals("unknown activation 'test_sigmiod'; did you mean 'test_sigmoid'? known: test_sigmoid",
                e.getMessage());
    }

    @Test
    void aProviderWhoseCreateReturnsNullIsNamedAtTheLookUp() {
        ActivationProvider activation = new ActivationProvider() {
            public String name() {
                return "hollow";
            }

            public Activation create(Hyperparameters h) {
                return null;
            }
        };
        ScheduleProvider schedule = new ScheduleProvider() {
            public String name() {
                return "hollow";
            }

            public LearningRateSchedule create(Hyperparameters h, PluginRegistry registry) {
                return null;
            }
        };
        PluginRegistry registry = new PluginRegistry(Map.of("hollow", activation), Map.of(), Map.of(), Map.of(),
                Map.of("hollow", schedule));
        assertEquals("activation plugin 'hollow' (" + activation.getClass().getName() + ") returned null from create()",
                assertThrows(IllegalStateException.class, () -> registry.activation("hollow", Hyperparameters.empty()))
                        .getMessage());
        assertEquals("schedule plugin 'hollow' (" + schedule.getClass().getName() + ") returned null from create()",
                assertThrows(IllegalStateException.class, () -> registry.schedule("hollow", Hyperparameters.empty()))
                        .getMessage());
    }

    @Test
    void anOptimizerOverAParameterListedTwiceIsRejected() {
        Parameter weight = new Parameter("weight", Tensor.zeros(2));
        Parameter bias = new Parameter("bias", Tensor.zeros(1));
        assertEquals("test_sgd: parameter 2 (weight) is the same object as parameter 0; a parameter listed twice would be"
                + " updated twice in every step", assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().optimizer("test_sgd", List.of(weight, bias, weight), Hyperparameters.empty()))
                .getMessage());
    }

    @Test
    void undeclaredHyperparameterIsRejectedWithTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().optimizer("test_sgd", List.of(), Hyperparameters.of("lrr", 0.1)));
        assertEquals("test_sgd has no hyperparameter 'lrr'; did you mean 'lr'? known: lr", e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedNamingThePlugin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().optimizer("test_sgd", List.of(), Hyperparameters.of("lr", "1e-3")));
        assertEquals("test_sgd: hyperparameter 'lr' must be a number, but is '1e-3'", e.getMessage());
    }

    @Test
    void hyperparameterOfAPluginThatTakesNoneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.registry().activation("test_sigmoid", Hyperparameters.of("slope", 0.1)));
        assertEquals("test_sigmoid has no hyperparameter 'slope'; it takes none", e.getMessage());
    }

    @Test
    void jarBuiltOutsideTheProjectIsUsableByName(@TempDir Path dir) throws IOException {
        Path jar = providerJar(dir, "softsign-plugin", "com.thirdparty", "SoftsignProvider", "softsign");
        try (URLClassLoader loader = loader(jar)) {
            PluginRegistry registry = Plugins.registry(loader);
            Activation softsign = registry.activation("softsign", Hyperparameters.empty());
            Tensor y = Tensor.zeros(1, 3);
            softsign.forward(Tensor.of(new float[] {-1f, 0f, 3f}, 1, 3), y);
            // softsign(x) = x / (1 + |x|): exact in float32 for these inputs.
            assertArrayEquals(new float[] {-0.5f, 0f, 0.75f}, y.data());
            assertEquals(jar.toString(), Path.of(loaderLocation(registry.activationProvider("softsign"))).toString());

            // The external activation also works inside the built-in activation layer, found by name.
            Layer layer = registry.layer("activation", Hyperparameters.of("name", "softsign"),
                    new LayerContext(new int[] {3}, new SplittableRandom(1), registry));
            assertArrayEquals(new float[] {-0.5f, 0f, 0.75f},
                    layer.forward(Tensor.of(new float[] {-1f, 0f, 3f}, 1, 3), false).data());
        }
    }

    private static String loaderLocation(Object provider) {
        try {
            return Path.of(provider.getClass().getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoJarsProvidingTheSameNameFailNamingBothClassesAndJars(@TempDir Path dir) throws IOException {
        Path first = providerJar(dir, "first", "org.one", "SoftsignA", "softsign");
        Path second = providerJar(dir, "second", "org.two", "SoftsignB", "softsign");
        try (URLClassLoader loader = loader(first, second)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Plugins.registry(loader));
            assertEquals("2 activation plugins are named 'softsign': org.one.SoftsignA (from " + first
                    + ") and org.two.SoftsignB (from " + second + "); remove all but one from the class path, or"
                    + " replace a built-in on purpose with PluginBinder.activationOverrides", e.getMessage());
        }
    }

    @Test
    void jarClashingWithAClassPathProviderNamesBothOrigins(@TempDir Path dir) throws IOException {
        Path jar = providerJar(dir, "clash", "org.clash", "Sigmoid", "test_sigmoid");
        try (URLClassLoader loader = loader(jar)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Plugins.registry(loader));
            assertTrue(e.getMessage().contains("org.clash.Sigmoid (from " + jar + ")"), e.getMessage());
            assertTrue(e.getMessage().contains(TestSigmoidProvider.class.getName() + " (from "
                    + loaderLocation(new TestSigmoidProvider()) + ")"), e.getMessage());
        }
    }

    @Test
    void aServicesLineNamingAMissingClassNamesTheJarThatListsIt(@TempDir Path dir) throws IOException {
        Path jar = PluginJar.build(dir, "typo", Map.of("org.acme.Other", "package org.acme; public class Other {}"),
                Map.of(ActivationProvider.class.getName(), "org.acme.Missing"));
        try (URLClassLoader loader = loader(jar)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Plugins.registry(loader));
            assertTrue(e.getMessage().startsWith("cannot load a plugin listed in META-INF/services/"
                    + ActivationProvider.class.getName() + " of " + jar + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("org.acme.Missing not found"), e.getMessage());
        }
    }

    @Test
    void overrideModuleReallyReplacesTheBuiltIn() {
        ActivationProvider replacement = new NamedActivation("test_sigmoid");
        PluginRegistry registry = Plugins.registry(getClass().getClassLoader(), new AbstractModule() {
            @Override
            protected void configure() {
                PluginBinder.activationOverrides(binder()).addBinding("test_sigmoid").toInstance(replacement);
            }
        });
        assertSame(replacement, registry.activationProvider("test_sigmoid"));
        Activation a = registry.activation("test_sigmoid", Hyperparameters.empty());
        Tensor y = Tensor.zeros(2);
        a.forward(Tensor.of(new float[] {0f, 2f}, 2), y);
        assertArrayEquals(new float[] {0f, 2f}, y.data(), "the replacement (identity) ran, not the sigmoid");
        // Without the override the class-path provider is still the one found.
        assertTrue(Plugins.registry().activationProvider("test_sigmoid") instanceof TestSigmoidProvider);
    }

    @Test
    void overrideModuleCanReplaceOrdinaryBindingsOfPluginModules() {
        // TestPluginModule binds the factor to 0.25; Modules.override lets an application change it.
        PluginRegistry registry = Plugins.registry(getClass().getClassLoader(), new AbstractModule() {
            @Override
            protected void configure() {
                bindConstant().annotatedWith(Names.named("test.factor")).to(0.5);
            }
        });
        assertEquals(0.05, registry.schedule("test_scaled", Hyperparameters.empty()).learningRate(0, 0.1), 1e-15);
    }

    @Test
    void overrideOfAnUnknownNameFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Plugins.registry(getClass().getClassLoader(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        PluginBinder.activationOverrides(binder()).addBinding("test_sigmod")
                                .toInstance(new NamedActivation("test_sigmod"));
                    }
                }));
        assertEquals("override " + NamedActivation.class.getName() + " (from " + loaderLocation(new NamedActivation("x"))
                + ") replaces activation 'test_sigmod', but no activation has that name; did you mean 'test_sigmoid'?"
                + " known: test_sigmoid", e.getMessage());
    }

    @Test
    void bindingKeyMustEqualTheProvidersName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Plugins.registry(getClass().getClassLoader(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        PluginBinder.activations(binder()).addBinding("gelu").toInstance(new NamedActivation("swish"));
                    }
                }));
        assertTrue(e.getMessage().endsWith("is bound as 'gelu' but its name() is 'swish'; the two must agree"),
                e.getMessage());
    }

    @Test
    void namesMustBeSnakeCase() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Plugins.registry(getClass().getClassLoader(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        PluginBinder.activations(binder()).addBinding("LeakyReLU")
                                .toInstance(new NamedActivation("LeakyReLU"));
                    }
                }));
        assertTrue(e.getMessage().endsWith("is named 'LeakyReLU', which is not a snake_case id such as 'leaky_relu'"),
                e.getMessage());
    }

    @Test
    void moduleCanBeInstalledInAnApplicationsOwnInjector() {
        PluginRegistry registry = Guice.createInjector(Plugins.module(getClass().getClassLoader()))
                .getInstance(PluginRegistry.class);
        assertTrue(registry.activations().containsKey("test_sigmoid"));
    }

    /** An identity activation under a chosen name. */
    static final class NamedActivation implements ActivationProvider {
        private final String name;

        NamedActivation(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Activation create(Hyperparameters hyperparameters) {
            return new Activation() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void forward(Tensor x, Tensor y) {
                    y.copyFrom(x);
                }

                @Override
                public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                    dx.copyFrom(dy);
                }
            };
        }
    }
}
