package dev.hebb.bench;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Element-wise activations on the reference MLP's largest hidden batch, {@code [128, 256]}, looked up
 * by name through the plugin registry exactly as a model would. Inputs are uniform in [-1, 1], so
 * ReLU's branch is unpredictable, as in training.
 */
public class ActivationBenchmark extends BenchmarkDefaults {

    /**
     * A plugin id, optionally with one hyperparameter as {@code name:key=value} (e.g.
     * {@code gelu:approximate=tanh}).
     */
    @Param({"relu", "leaky_relu", "sigmoid", "tanh", "gelu", "gelu:approximate=tanh", "silu", "mish", "softplus",
        "elu", "selu", "celu", "softsign", "hardtanh", "hardsigmoid", "hardswish", "relu6", "softmax"})
    public String activation;

    private Activation f;
    private Tensor x;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;

    @Setup
    public void setUp() {
        String[] parts = activation.split("[:=]");
        f = Plugins.registry().activation(parts[0],
                parts.length == 3 ? Hyperparameters.of(parts[1], parts[2]) : Hyperparameters.empty());
        SplittableRandom r = new SplittableRandom(1);
        x = Tensor.uniform(r, -1, 1, 128, 256);
        dy = Tensor.uniform(r, -1, 1, 128, 256);
        y = Tensor.zeros(128, 256);
        dx = Tensor.zeros(128, 256);
        f.forward(x, y);
    }

    @Benchmark
    public Tensor forward() {
        f.forward(x, y);
        return y;
    }

    @Benchmark
    public Tensor backward() {
        f.backward(x, y, dy, dx);
        return dx;
    }
}
