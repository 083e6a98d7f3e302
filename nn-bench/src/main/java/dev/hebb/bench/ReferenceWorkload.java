package dev.hebb.bench;

import dev.hebb.internal.kernel.Kernels;
import dev.hebb.internal.kernel.Parallel;
import dev.hebb.internal.kernel.ScalarKernel;
import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Dense;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Batches;
import dev.hebb.train.Dataset;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference workload of the performance issue, as a program: Fashion-MNIST, MLP 784-256-128-10
 * with ReLU, softmax cross-entropy, Adam (lr 1e-3), batch 128, float32, one shuffle per epoch.
 * Prints seconds and samples per second for every epoch, the bytes the training thread allocated per
 * batch in steady state, the test accuracy, and a last line {@code RESULT hebb <threads> <median
 * s/epoch> <median CPU s/epoch> <accuracy>} that {@code bench/compare-pytorch.sh} reads.
 *
 * <p>Usage: {@code ReferenceWorkload [--data DIR] [--epochs N] [--threads N] [--seed S] [--lockstep]}. The
 * kernel thread count defaults to {@code -Dhebb.threads} or the number of processors. With
 * {@code --lockstep} each epoch waits for a line on standard input, and the test evaluation for its end, so
 * that {@code bench/lockstep.py} can alternate it epoch by epoch with another program (PyTorch's run of the
 * same workload).
 */
public final class ReferenceWorkload {

    private static final int BATCH = 128;

    private ReferenceWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String data = null;
        int epochs = 5;
        int threads = 0;
        long seed = 0;
        boolean lockstep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--lockstep" -> lockstep = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: [--data DIR] [--epochs N] [--threads N] [--seed S] [--lockstep]");
            }
        }
        if (threads > 0) {
            Kernels.use(Kernels.best(threads));
        } else {
            threads = Parallel.configuredThreads();
        }
        String threadsLabel = Kernels.get() instanceof ScalarKernel ? "1" : Integer.toString(threads);
        Path dir = FashionMnist.locate(data);
        Dataset train = FashionMnist.train(dir);
        Dataset test = FashionMnist.test(dir);
        PluginRegistry registry = Plugins.registry();
        Run run = new Run(registry, seed);
        System.out.printf("hebb: kernel %s, %d epochs of %d samples, batch %d, data %s%n", Kernels.get().name(),
                epochs, train.size(), BATCH, dir);
        double[] seconds = new double[epochs];
        double[] cpuSeconds = new double[epochs];
        java.io.BufferedReader go = lockstep
                ? new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                : null;
        for (int e = 0; e < epochs; e++) {
            if (go != null && go.readLine() == null) {
                throw new IllegalStateException("--lockstep: standard input ended before epoch " + (e + 1));
            }
            long allocated = allocatedBytes();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            double loss = run.epoch(train, new SplittableRandom(seed + 1 + e));
            seconds[e] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[e] = (processCpuNanos() - cpu) / 1e9;
            long perBatch = (allocatedBytes() - allocated) / ((train.size() + BATCH - 1) / BATCH);
            System.out.printf("hebb threads=%s epoch %d: %.3f s (%.3f s CPU), %.0f samples/s, loss %.4f, "
                    + "%d bytes allocated per batch%n", threadsLabel, e + 1, seconds[e], cpuSeconds[e],
                    train.size() / seconds[e], loss, perBatch);
            System.out.flush();
        }
        // The other program's last epoch may still run: evaluate only when the driver says all are done.
        while (go != null && go.readLine() != null) {
            // until standard input ends
        }
        double accuracy = run.accuracy(test);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("hebb test accuracy %.4f; heap used %d MiB of max %d MiB%n", accuracy,
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        System.out.printf("RESULT hebb %s %.4f %.4f %.4f%n", threadsLabel, median(seconds), median(cpuSeconds), accuracy);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * CPU time of the whole process (JIT compiler and GC included). On a machine shared with other work it
     * is far steadier than wall time, which also counts the time other processes held the cores.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The training thread's allocation counter (HotSpot), or 0 where the JVM does not offer one. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /** One model, loss and optimizer, with the batch buffers they reuse. */
    static final class Run {
        final Sequential model;
        final Loss loss;
        final Optimizer optimizer;
        private final BufferCache inputs = new BufferCache();
        private final BufferCache gradients = new BufferCache();
        private Batches batches;
        private int[] order;

        Run(PluginRegistry registry, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Layer> layers = List.of(
                    new Dense(784, 256, random), relu(registry),
                    new Dense(256, 128, random), relu(registry),
                    new Dense(128, 10, random));
            model = new Sequential(new int[] {784}, layers);
            loss = registry.loss("cross_entropy", Hyperparameters.empty());
            List<Parameter> parameters = model.parameters();
            optimizer = registry.optimizer("adam", parameters, Hyperparameters.of("lr", 1e-3));
        }

        private static Layer relu(PluginRegistry registry) {
            return new ActivationLayer(registry.activation("relu", Hyperparameters.empty()));
        }

        /** One pass over {@code data} in an order shuffled by {@code random}; returns the mean loss. */
        double epoch(Dataset data, SplittableRandom random) {
            int n = data.size();
            if (order == null || order.length != n) {
                order = new int[n];
            }
            shuffle(order, random);
            double total = 0;
            if (batches == null || batches.data() != data) {
                batches = new Batches(data, BATCH);
            }
            batches.start(order);
            while (batches.hasNext()) {
                Batches.Batch batch = batches.next();
                batches.prefetch();
                Tensor out = model.forward(batch.features(), true);
                Tensor grad = gradients.get(batch.rows(), 10);
                optimizer.zeroGrad();
                total += loss.valueAndGradient(out, batch.targets(), grad) * batch.rows();
                model.backward(grad, false);
                optimizer.step();
            }
            return total / n;
        }

        /** Fills {@code order} with a permutation of its indices drawn from {@code random} (Fisher–Yates). */
        static void shuffle(int[] order, SplittableRandom random) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /** The fraction of {@code data} classified correctly. */
        double accuracy(Dataset data) {
            int correct = 0;
            int n = data.size();
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            for (int from = 0; from < n; from += 1000) {
                int count = Math.min(1000, n - from);
                Tensor x = inputs.get(count, 784);
                Dataset.gatherRows(data.features(), all, from, count, x);
                int[] predicted = Ops.argmaxRows(model.predict(x));
                for (int i = 0; i < count; i++) {
                    if (predicted[i] == (int) data.targets().data()[from + i]) {
                        correct++;
                    }
                }
            }
            return (double) correct / n;
        }
    }
}
