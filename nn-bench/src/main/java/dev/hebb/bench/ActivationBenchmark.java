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

    @Param({"relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "silu", "mish", "softplus", "softmax"})
    public String activation;

    private Activation f;
    private Tensor x;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;

    @Setup
    public void setUp() {
        f = Plugins.registry().activation(activation, Hyperparameters.empty());
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
