package dev.hebb.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Compares two builds of Hebb on the reference workload in one JVM, alternating them epoch by epoch
 * (A B, then B A, ...), so that both see the same machine load. On a shared machine whose speed drifts
 * by 2× within minutes, this is the only comparison here that resolves differences of a few percent;
 * separate runs, even back to back, do not.
 *
 * <p>Usage: {@code InterleavedAB JAR_A JAR_B [--threads N] [--rounds R] [--data DIR]}, where each jar is
 * an {@code nn-bench/target/benchmarks.jar} built from a revision to compare ({@code bench/ab.sh} builds
 * them). Each jar gets its own class loader, hence its own kernel threads, plugins and compiled code.
 * Prints the median seconds per epoch of each and the median and quartiles of the paired ratio B/A.
 * The build loaded second tends to run a few percent faster (the same build on both sides showed up to
 * ±6%), so {@code bench/ab.sh} runs this twice, with either jar first, and combines the two.
 */
public final class InterleavedAB {

    private InterleavedAB() {
    }

    /** One build's reference workload: a {@code ReferenceWorkload.Run} and its data, in its own class loader. */
    private static final class Side {
        final ClassLoader loader;
        final Object run;
        final Object train;
        final Method epoch;

        Side(Path jar, int threads, Path data) throws Exception {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // plugins are found through it
            Class<?> kernels = loader.loadClass("dev.hebb.internal.kernel.Kernels");
            Class<?> kernel = loader.loadClass("dev.hebb.internal.kernel.Kernel");
            kernels.getMethod("use", kernel).invoke(null, kernels.getMethod("best", int.class).invoke(null, threads));
            Method load = loader.loadClass("dev.hebb.bench.FashionMnist").getDeclaredMethod("train", Path.class);
            load.setAccessible(true);
            train = load.invoke(null, data);
            Object registry = loader.loadClass("dev.hebb.plugin.Plugins").getMethod("registry").invoke(null);
            Class<?> runType = loader.loadClass("dev.hebb.bench.ReferenceWorkload$Run");
            Constructor<?> create = runType.getDeclaredConstructor(
                    loader.loadClass("dev.hebb.plugin.PluginRegistry"), long.class);
            create.setAccessible(true);
            run = create.newInstance(registry, 0L);
            epoch = runType.getDeclaredMethod("epoch", loader.loadClass("dev.hebb.train.Dataset"), SplittableRandom.class);
            epoch.setAccessible(true);
        }

        /** Seconds for one epoch shuffled by {@code seed}. */
        double epoch(long seed) throws Exception {
            Thread.currentThread().setContextClassLoader(loader);
            long start = System.nanoTime();
            epoch.invoke(run, train, new SplittableRandom(seed));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: InterleavedAB JAR_A JAR_B [--threads N] [--rounds R] [--data DIR]");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        int rounds = 10;
        String data = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: InterleavedAB JAR_A JAR_B [--threads N] [--rounds R] [--data DIR]");
            }
        }
        Side[] sides = new Side[2];
        for (int s = 0; s < 2; s++) {
            Path jar = Path.of(args[s]);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no benchmarks jar at " + jar);
            }
            sides[s] = new Side(jar, threads, FashionMnist.locate(data));
        }
        for (Side side : sides) {
            side.epoch(0); // the first epoch compiles; it is not compared
        }
        double[][] seconds = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int turn = 0; turn < 2; turn++) {
                int s = (r + turn) % 2; // A B, B A, ...: neither side always runs after the other
                seconds[s][r] = sides[s].epoch(r + 1);
            }
            ratios[r] = seconds[1][r] / seconds[0][r];
            System.out.printf("round %2d: A %.3f s  B %.3f s  B/A %.3f%n", r + 1, seconds[0][r], seconds[1][r], ratios[r]);
        }
        Arrays.sort(ratios);
        System.out.printf("threads %d, %d rounds: A median %.3f s/epoch, B median %.3f s/epoch; B/A median %.3f (quartiles %.3f, %.3f)%n",
                threads, rounds, median(seconds[0]), median(seconds[1]), ratios[rounds / 2], ratios[rounds / 4],
                ratios[(3 * rounds) / 4]);
        System.exit(0); // the kernel threads of both builds are daemons, but do not wait for their spin
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
