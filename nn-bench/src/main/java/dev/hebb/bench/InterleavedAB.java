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
 * Compares two builds of Hebb in one JVM, alternating them (A B, then B A, ...), so that both see the same
 * machine load. On a shared machine whose speed drifts by 2× within minutes, this is the only comparison
 * here that resolves differences of a few percent; separate runs, even back to back, do not.
 *
 * <p>Usage: {@code InterleavedAB JAR_A JAR_B [--products] [--threads N] [--rounds R] [--data DIR]}, where
 * each jar is an {@code nn-bench/target/benchmarks.jar} built from a revision to compare ({@code bench/ab.sh}
 * builds them). Each jar gets its own class loader, hence its own kernel threads, plugins and compiled code.
 * By default a round is one epoch of the reference workload on each build; with {@code --products} it is
 * ten calls of each of the workload's matrix products (the shapes of {@link GemmBenchmark}). Prints, per
 * round and at the end, the medians of each and the median and quartiles of the paired ratio B/A.
 * The build loaded second tends to run a few percent faster (the same build on both sides showed up to
 * ±6%), so {@code bench/ab.sh} runs this twice, with either jar first, and combines the two.
 */
public final class InterleavedAB {

    private static final String USAGE =
            "usage: InterleavedAB JAR_A JAR_B [--products] [--threads N] [--rounds R] [--data DIR]";

    /** The workload's products as {transA, transB, m, n, k}, named as in {@link GemmBenchmark}. */
    private static final String[] PRODUCTS = {"fwd_784_256", "wgrad_784_256", "fwd_256_128", "wgrad_256_128",
        "igrad_256_128"};
    private static final int[][] SHAPES = {{0, 1, 128, 256, 784}, {1, 0, 256, 784, 128}, {0, 1, 128, 128, 256},
        {1, 0, 128, 256, 128}, {0, 0, 128, 256, 128}};

    private InterleavedAB() {
    }

    /** One build, in its own class loader: its kernel and, for epochs, a {@code ReferenceWorkload.Run}. */
    private static final class Side {
        final ClassLoader loader;
        final Object kernel;
        final Method gemm;
        Object run;
        Object train;
        Method epoch;

        Side(Path jar, int threads) throws Exception {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // plugins are found through it
            Class<?> kernels = loader.loadClass("dev.hebb.internal.kernel.Kernels");
            Class<?> kernelType = loader.loadClass("dev.hebb.internal.kernel.Kernel");
            kernel = kernels.getMethod("best", int.class).invoke(null, threads);
            kernels.getMethod("use", kernelType).invoke(null, kernel);
            gemm = kernelType.getMethod("gemm", boolean.class, boolean.class, int.class, int.class, int.class,
                    float[].class, int.class, float[].class, int.class, float[].class, int.class, boolean.class);
        }

        /** Loads the training set and builds the reference workload's model, loss and optimizer. */
        void prepareEpochs(Path data) throws Exception {
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

        /** Microseconds per call of product {@code p}, over ten calls. */
        double product(int p, float[] a, float[] b, float[] c) throws Exception {
            int[] s = SHAPES[p];
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                gemm.invoke(kernel, s[0] == 1, s[1] == 1, s[2], s[3], s[4], a, 0, b, 0, c, 0, false);
            }
            return (System.nanoTime() - start) / 1e4;
        }
    }

    /** One measurement of side {@code s} in round {@code round}. */
    @FunctionalInterface
    private interface Measure {
        double of(Side side, int round) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Integer rounds = null;
        boolean products = false;
        String data = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--products" -> products = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        Side[] sides = new Side[2];
        for (int s = 0; s < 2; s++) {
            Path jar = Path.of(args[s]);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no benchmarks jar at " + jar);
            }
            sides[s] = new Side(jar, threads);
            if (!products) {
                sides[s].prepareEpochs(FashionMnist.locate(data));
            }
        }
        if (products) {
            float[] a = random(784 * 256, 1);
            float[] b = random(784 * 256, 2);
            float[] c = new float[784 * 256];
            for (int p = 0; p < PRODUCTS.length; p++) {
                int product = p;
                compare(PRODUCTS[p], "µs", false, sides, rounds == null ? 40 : rounds, 10,
                        (side, round) -> side.product(product, a, b, c));
            }
        } else {
            compare("threads " + threads, "s/epoch", true, sides, rounds == null ? 10 : rounds, 1,
                    (side, round) -> side.epoch(round)); // round 0, not compared, is the epoch that compiles
        }
        System.exit(0); // the kernel threads of both builds are daemons, but do not wait for their spin
    }

    /**
     * Runs {@code warmUp + rounds} rounds of {@code measure} on both sides, alternating which goes first,
     * and prints the comparison of the last {@code rounds}: {@code <label>: ... B/A median x (quartiles)},
     * preceded by a line per round when {@code everyRound}.
     */
    private static void compare(String label, String unit, boolean everyRound, Side[] sides, int rounds, int warmUp,
                                Measure measure) throws Exception {
        double[][] values = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int r = -warmUp; r < rounds; r++) {
            double[] v = new double[2];
            for (int turn = 0; turn < 2; turn++) {
                int s = (r + warmUp + turn) % 2; // A B, B A, ...: neither side always runs after the other
                v[s] = measure.of(sides[s], r + warmUp);
            }
            if (r >= 0) {
                values[0][r] = v[0];
                values[1][r] = v[1];
                ratios[r] = v[1] / v[0];
                if (everyRound) {
                    System.out.printf("round %2d: A %.3f %s  B %.3f %s  B/A %.3f%n", r + 1, v[0], unit, v[1], unit,
                            ratios[r]);
                }
            }
        }
        Arrays.sort(ratios);
        System.out.printf("%s, %d rounds: A median %.3f %s, B median %.3f %s; B/A median %.3f (quartiles %.3f, %.3f)%n",
                label, rounds, median(values[0]), unit, median(values[1]), unit, ratios[rounds / 2], ratios[rounds / 4],
                ratios[(3 * rounds) / 4]);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
