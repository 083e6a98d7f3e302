/**
 * Plugins: providers that publish activations, losses, optimizers, layers and schedules by name, the
 * {@link dev.hebb.plugin.Hyperparameters} they are configured with, and the
 * {@link dev.hebb.plugin.PluginRegistry} that finds them ({@link dev.hebb.plugin.Plugins#registry()}).
 *
 * <p>A plugin is one class and one line. For an activation:
 *
 * <pre>{@code
 * public final class SoftsignProvider implements ActivationProvider {
 *     public String name() { return "softsign"; }
 *     public Activation create(Hyperparameters h) { return new Softsign(); }
 * }
 * }</pre>
 *
 * <p>plus the line {@code com.example.SoftsignProvider} in
 * {@code META-INF/services/dev.hebb.plugin.ActivationProvider}. Put the jar on the class path (or load
 * it with {@link dev.hebb.plugin.Plugins#registry(ClassLoader, com.google.inject.Module...)}) and
 * {@code "softsign"} works in code, configs and on the command line. A plugin needing injected
 * collaborators ships a Guice module instead and binds through {@link dev.hebb.plugin.PluginBinder}.
 * Test it with {@link dev.hebb.gradcheck.GradientCheck}.
 */
package dev.hebb.plugin;
