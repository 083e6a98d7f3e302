package dev.hebb.bench;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code optimizer.step()} over the parameters of the reference MLP (784-256-128-10: six tensors,
 * 235,146 floats), for each built-in optimizer. {@code bench/optimizer_step_pytorch.py} times the same
 * step in PyTorch for comparison. Gradients are fixed random values; only the update is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OptimizerBenchmark {

    /** {@code <optimizer>}, with the options that use its buffers where it has them. */
    @Param({"sgd", "sgd_momentum", "adam", "adamw", "rmsprop", "adagrad"})
    public String optimizer;

    private Optimizer opt;

    @Setup
    public void setUp() {
        int[][] shapes = {{256, 784}, {256}, {128, 256}, {128}, {10, 128}, {10}};
        SplittableRandom r = new SplittableRandom(1);
        List<Parameter> parameters = new ArrayList<>();
        for (int[] shape : shapes) {
            Parameter p = new Parameter("p", Tensor.zeros(shape));
            float[] v = p.value().data();
            float[] g = p.gradient().data();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() - 0.5);
                g[i] = (float) (r.nextDouble() - 0.5) * 1e-3f;
            }
            parameters.add(p);
        }
        PluginRegistry registry = Plugins.registry();
        opt = switch (optimizer) {
            case "sgd" -> registry.optimizer("sgd", parameters, Hyperparameters.of("lr", 0.01));
            case "sgd_momentum" -> registry.optimizer("sgd", parameters, Hyperparameters.of("lr", 0.01, "momentum", 0.9));
            default -> registry.optimizer(optimizer, parameters, Hyperparameters.empty());
        };
    }

    @Benchmark
    public Optimizer step() {
        opt.step();
        return opt;
    }
}
