package dev.hebb.bench;

import dev.hebb.internal.kernel.Kernels;
import dev.hebb.layer.Layer;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a training step of the reference workload spends its time: the median, 10th and 90th percentile
 * microseconds of each phase (gather, each layer's forward, the loss, each layer's backward, the optimizer
 * step) over many steps, after a warm-up. Layers run one by one here, so a dense layer's activation is
 * timed on its own instead of fused into the product's epilogue as {@code Sequential} runs it.
 *
 * <p>Usage: {@code StepPhases THREADS [STEPS]}, e.g. {@code java --add-modules jdk.incubator.vector -cp
 * nn-bench/target/benchmarks.jar dev.hebb.bench.StepPhases 2}. Comparing the 1- and 2-thread tables shows
 * which phases the second core speeds up and which it slows down.
 */
public final class StepPhases {

    private static final int BATCH = 128;
    private static final int WARM_UP_STEPS = 2000;

    private StepPhases() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Kernels.use(Kernels.best(threads));
        Dataset train = FashionMnist.train(FashionMnist.locate(null));
        ReferenceWorkload.Run run = new ReferenceWorkload.Run(Plugins.registry(), 0);
        List<Layer> layers = run.model.layers();
        int n = layers.size();
        List<String> phases = new ArrayList<>(List.of("gather"));
        for (int i = 0; i < n; i++) {
            phases.add("forward " + i + " " + layers.get(i).type());
        }
        phases.add("loss");
        for (int i = n - 1; i >= 0; i--) {
            phases.add("backward " + i + " " + layers.get(i).type());
        }
        phases.add("optimizer step");
        phases.add("whole step");
        long[][] nanos = new long[phases.size()][steps];
        int[] order = new int[train.size()];
        ReferenceWorkload.Run.shuffle(order, new SplittableRandom(1));
        Tensor x = Tensor.zeros(BATCH, 784);
        Tensor y = Tensor.zeros(BATCH);
        Tensor gradient = Tensor.zeros(BATCH, 10);
        for (int s = -WARM_UP_STEPS; s < steps; s++) {
            Clock clock = new Clock(nanos, s);
            int from = (s + WARM_UP_STEPS) * BATCH % (order.length - BATCH);
            Dataset.gatherRows(train.features(), order, from, BATCH, x);
            Dataset.gatherRows(train.targets(), order, from, BATCH, y);
            clock.lap();
            Tensor h = x;
            for (Layer layer : layers) {
                h = layer.forward(h, true);
                clock.lap();
            }
            run.optimizer.zeroGrad();
            run.loss.valueAndGradient(h, y, gradient);
            clock.lap();
            Tensor g = gradient;
            for (int i = n - 1; i >= 0; i--) {
                g = layers.get(i).backward(g, i > 0);
                clock.lap();
            }
            run.optimizer.step();
            clock.lap();
            clock.total();
        }
        System.out.printf("kernel %s, %d threads, median of %d steps after %d%n", Kernels.get().name(), threads, steps,
                WARM_UP_STEPS);
        for (int p = 0; p < phases.size(); p++) {
            long[] v = nanos[p].clone();
            Arrays.sort(v);
            System.out.printf("%-22s %8.1f us  (p10 %7.1f, p90 %7.1f)%n", phases.get(p), v[steps / 2] / 1e3,
                    v[steps / 10] / 1e3, v[steps * 9 / 10] / 1e3);
        }
    }

    /** Records the time since the last lap as the next phase of step {@code step} (warm-up steps are negative). */
    private static final class Clock {
        private final long[][] nanos;
        private final int step;
        private final long start = System.nanoTime();
        private long last = start;
        private int phase;

        Clock(long[][] nanos, int step) {
            this.nanos = nanos;
            this.step = step;
        }

        void lap() {
            long now = System.nanoTime();
            record(now - last);
            last = now;
        }

        void total() {
            record(last - start);
        }

        private void record(long elapsed) {
            if (step >= 0) {
                nanos[phase][step] = elapsed;
            }
            phase++;
        }
    }
}
