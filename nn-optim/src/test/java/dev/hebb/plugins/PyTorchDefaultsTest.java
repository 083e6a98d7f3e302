package dev.hebb.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.PluginProvider;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.testing.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every built-in plugin of nn-optim declares exactly PyTorch's hyperparameters (camelCased) with
 * PyTorch's defaults. The expected tables come from {@code inspect.signature} of the torch 1.13 classes
 * ({@code /usr/bin/python3 -c "import inspect, torch; print(inspect.signature(torch.optim.Adam.__init__))"}
 * and so on), leaving out what this project handles elsewhere or not at all: {@code params},
 * {@code foreach}, {@code maximize}, {@code capturable}, {@code differentiable}, {@code fused},
 * {@code weight}, {@code size_average}, {@code reduce}, {@code ignore_index}, {@code pos_weight},
 * {@code optimizer}, {@code last_epoch}, {@code verbose}. {@code "required"} marks a parameter without
 * default. Plugins that are not a single PyTorch class ({@code half_sse}, {@code warmup}) are checked
 * against their documented choices.
 */
class PyTorchDefaultsTest {

    private static final String REQUIRED = "required";

    private static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void check(PluginProvider provider, Map<String, Object> expected) {
        List<HyperparameterSpec> specs = provider.hyperparameterSpecs();
        Set<String> names = new TreeSet<>();
        specs.forEach(s -> names.add(s.name()));
        assertEquals(new TreeSet<>(expected.keySet()), names, provider.name() + " hyperparameter names");
        for (HyperparameterSpec s : specs) {
            Object want = expected.get(s.name());
            String where = provider.name() + "." + s.name();
            if (want == REQUIRED) {
                assertNull(s.defaultValue(), where + " is required");
            } else if (want instanceof Number n) {
                assertTrue(s.defaultValue() instanceof Number, where + " default is a number");
                assertEquals(n.doubleValue(), ((Number) s.defaultValue()).doubleValue(), 0.0, where);
            } else if (want instanceof double[] d) {
                assertArrayEquals(d, (double[]) s.defaultValue(), 0.0, where);
            } else {
                assertEquals(want, s.defaultValue(), where);
            }
        }
    }

    @Test
    void optimizersDeclarePyTorchsHyperparametersAndDefaults() {
        PluginRegistry r = Registry.get();
        check(r.optimizerProvider("sgd"), of("lr", REQUIRED, "momentum", 0, "dampening", 0, "weightDecay", 0,
                "nesterov", false));
        check(r.optimizerProvider("adam"), of("lr", 0.001, "betas", new double[] {0.9, 0.999}, "eps", 1e-08,
                "weightDecay", 0, "amsgrad", false));
        check(r.optimizerProvider("adamw"), of("lr", 0.001, "betas", new double[] {0.9, 0.999}, "eps", 1e-08,
                "weightDecay", 0.01, "amsgrad", false));
        check(r.optimizerProvider("rmsprop"), of("lr", 0.01, "alpha", 0.99, "eps", 1e-08, "weightDecay", 0,
                "momentum", 0, "centered", false));
        check(r.optimizerProvider("adagrad"), of("lr", 0.01, "lrDecay", 0, "weightDecay", 0,
                "initialAccumulatorValue", 0, "eps", 1e-10));
    }

    @Test
    void lossesDeclarePyTorchsHyperparametersAndDefaults() {
        PluginRegistry r = Registry.get();
        check(r.lossProvider("mse"), of("reduction", "mean"));
        check(r.lossProvider("l1"), of("reduction", "mean"));
        check(r.lossProvider("huber"), of("reduction", "mean", "delta", 1.0));
        check(r.lossProvider("smooth_l1"), of("reduction", "mean", "beta", 1.0));
        check(r.lossProvider("cross_entropy"), of("reduction", "mean", "labelSmoothing", 0.0));
        check(r.lossProvider("nll"), of("reduction", "mean"));
        check(r.lossProvider("bce"), of("reduction", "mean"));
        check(r.lossProvider("bce_with_logits"), of("reduction", "mean"));
        check(r.lossProvider("kl_div"), of("reduction", "mean", "logTarget", false));
        check(r.lossProvider("hinge"), of("p", 1, "margin", 1.0, "reduction", "mean"));
        check(r.lossProvider("half_sse"), of("reduction", "sum")); // ½·Σ: mse with reduction "sum", halved
    }

    @Test
    void schedulesDeclarePyTorchsHyperparametersAndDefaults() {
        PluginRegistry r = Registry.get();
        check(r.scheduleProvider("step"), of("stepSize", REQUIRED, "gamma", 0.1));
        check(r.scheduleProvider("exponential"), of("gamma", REQUIRED));
        check(r.scheduleProvider("cosine"), of("tMax", REQUIRED, "etaMin", 0));
        // LinearLR's start_factor default is 1/3; epochs and after are this plugin's own keys.
        assertEquals(1.0 / 3, r.scheduleProvider("warmup").hyperparameterSpecs().stream()
                .filter(s -> s.name().equals("startFactor")).findFirst().orElseThrow().defaultValue());
    }
}
