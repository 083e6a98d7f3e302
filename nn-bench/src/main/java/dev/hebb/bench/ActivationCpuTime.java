package dev.hebb.bench;

import com.sun.management.ThreadMXBean;
import dev.hebb.activation.Activation;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * The workload of {@link ActivationBenchmark} timed by the thread's CPU time instead of the wall clock, which
 * other processes on a shared machine disturb far less: for each activation (same ids as the benchmark's
 * parameter, e.g. {@code gelu:approximate=tanh}), forward and backward on {@code [128, 256]}, inputs uniform
 * in [−1, 1]; 40 batches of 50 calls after as many (and at least 5 s) for warm-up, and the best batch
 * reported, in µs per call, with the bytes the thread allocated per call.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.hebb.bench.ActivationCpuTime sigmoid gelu</pre>
 */
public final class ActivationCpuTime {

    private ActivationCpuTime() {
    }

    /** The activation an id names: a plugin id, optionally with one hyperparameter, e.g. {@code gelu:approximate=tanh}. */
    static Activation activation(PluginRegistry registry, String spec) {
        String[] parts = spec.split("[:=]");
        return registry.activation(parts[0],
                parts.length == 3 ? Hyperparameters.of(parts[1], parts[2]) : Hyperparameters.empty());
    }

    /** x, y, dy and dx of shape {@code [128, 256]}, x and dy uniform in [−1, 1] (seed 1). */
    static Tensor[] operands() {
        SplittableRandom random = new SplittableRandom(1);
        Tensor x = Tensor.uniform(random, -1, 1, 128, 256);
        Tensor dy = Tensor.uniform(random, -1, 1, 128, 256);
        return new Tensor[] {x, Tensor.zeros(128, 256), dy, Tensor.zeros(128, 256)};
    }

    public static void main(String[] args) {
        PluginRegistry registry = Plugins.registry();
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.out.printf("%-24s %10s %10s %12s%n", "activation", "forward", "backward", "bytes/call");
        for (String spec : args) {
            Activation f = activation(registry, spec);
            Tensor[] t = operands();
            Tensor x = t[0];
            Tensor y = t[1];
            Tensor dy = t[2];
            Tensor dx = t[3];
            long forward = Long.MAX_VALUE;
            long backward = Long.MAX_VALUE;
            long allocated = 0;
            // Warm-up round: 40 batches, and at least 5 s, by which time the activation's background warm-up
            // (nn-activations' VectorLoops) has switched it to its vector loops.
            long warmUpEnd = System.nanoTime() + 5_000_000_000L;
            for (int round = 0; round < 2; round++) {
                long bytes = bean.getThreadAllocatedBytes(thread);
                for (int batch = 0; batch < 40 || round == 0 && System.nanoTime() < warmUpEnd; batch++) {
                    long t0 = bean.getCurrentThreadCpuTime();
                    for (int j = 0; j < 50; j++) {
                        f.forward(x, y);
                    }
                    long t1 = bean.getCurrentThreadCpuTime();
                    for (int j = 0; j < 50; j++) {
                        f.backward(x, y, dy, dx);
                    }
                    long t2 = bean.getCurrentThreadCpuTime();
                    if (round == 1) {
                        forward = Math.min(forward, (t1 - t0) / 50);
                        backward = Math.min(backward, (t2 - t1) / 50);
                    }
                }
                allocated = (bean.getThreadAllocatedBytes(thread) - bytes) / 4000; // the measured round's 4,000 calls
            }
            System.out.printf("%-24s %10.2f %10.2f %12d%n", spec, forward / 1e3, backward / 1e3, allocated);
        }
    }
}
