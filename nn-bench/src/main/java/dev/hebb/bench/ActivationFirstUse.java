package dev.hebb.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.hebb.activation.Activation;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.lang.management.ManagementFactory;

/**
 * What a fresh JVM pays for an activation's first calls, before and while the JIT compiles it: the wall time
 * of the first {@code calls} (default 469, one epoch of the reference MLP's 128-sample batches)
 * forward+backward calls on {@code [128, 256]}, inputs uniform in [−1, 1], and the CPU time the whole process
 * (JIT compiler and warm-up threads included) spent meanwhile. One activation per JVM, since only the
 * first use in a process is measured; run it several times, alternating with what it is compared with.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.hebb.bench.ActivationFirstUse gelu 469</pre>
 */
public final class ActivationFirstUse {

    private ActivationFirstUse() {
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "gelu";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 469;
        Activation f = ActivationCpuTime.activation(Plugins.registry(), spec);
        Tensor[] t = ActivationCpuTime.operands();
        Tensor x = t[0];
        Tensor y = t[1];
        Tensor dy = t[2];
        Tensor dx = t[3];
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long lastTen = start;
        for (int i = 0; i < calls; i++) {
            if (i == calls - 10) {
                lastTen = System.nanoTime();
            }
            f.forward(x, y);
            f.backward(x, y, dy, dx);
        }
        long end = System.nanoTime();
        System.out.printf("%-24s first %d calls: %8.1f ms wall, %8.1f ms process CPU; last 10: %7.3f ms per call%n",
                spec, calls, (end - start) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6, (end - lastTen) / 1e7);
    }
}
