package dev.hebb.bench;

import dev.hebb.layer.Dense;
import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One optimizer step over the reference MLP's 235,146 parameters (784-256-128-10 weights and biases),
 * with fixed random gradients, looked up by name through the plugin registry.
 */
public class AdamBenchmark extends BenchmarkDefaults {

    @Param({"adam", "sgd"})
    public String optimizer;

    private Optimizer step;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        List<Parameter> parameters = new ArrayList<>();
        for (int[] layer : new int[][] {{784, 256}, {256, 128}, {128, 10}}) {
            Dense d = new Dense(layer[0], layer[1], r);
            parameters.addAll(d.parameters());
        }
        for (Parameter p : parameters) {
            float[] g = p.gradient().data();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) r.nextDouble(-1e-2, 1e-2);
            }
        }
        step = Plugins.registry().optimizer(optimizer, parameters, Hyperparameters.of("lr", 1e-3));
    }

    @Benchmark
    public Optimizer step() {
        step.step();
        return step;
    }
}
