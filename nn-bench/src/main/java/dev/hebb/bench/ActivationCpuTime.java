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
 * in [−1, 1]; 40 batches of 50 calls after as many for warm-up, and the best batch reported, in µs per call,
 * with the bytes the thread allocated per call.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.hebb.bench.ActivationCpuTime sigmoid gelu</pre>
 */
public final class ActivationCpuTime {

    private ActivationCpuTime() {
    }

    public static void main(String[] args) {
        PluginRegistry registry = Plugins.registry();
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.out.printf("%-24s %10s %10s %12s%n", "activation", "forward", "backward", "bytes/call");
        for (String spec : args) {
            String[] parts = spec.split("[:=]");
            Activation f = registry.activation(parts[0],
                    parts.length == 3 ? Hyperparameters.of(parts[1], parts[2]) : Hyperparameters.empty());
            SplittableRandom random = new SplittableRandom(1);
            Tensor x = Tensor.uniform(random, -1, 1, 128, 256);
            Tensor dy = Tensor.uniform(random, -1, 1, 128, 256);
            Tensor y = Tensor.zeros(128, 256);
            Tensor dx = Tensor.zeros(128, 256);
            long forward = Long.MAX_VALUE;
            long backward = Long.MAX_VALUE;
            long allocated = 0;
            for (int round = 0; round < 2; round++) {
                long bytes = bean.getThreadAllocatedBytes(thread);
                for (int batch = 0; batch < 40; batch++) {
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
                allocated = (bean.getThreadAllocatedBytes(thread) - bytes) / 4000;
            }
            System.out.printf("%-24s %10.2f %10.2f %12d%n", spec, forward / 1e3, backward / 1e3, allocated);
        }
    }
}
