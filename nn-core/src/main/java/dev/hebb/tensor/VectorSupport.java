package dev.hebb.tensor;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lets a plugin use {@code jdk.incubator.vector} for its loops without failing where that module is
 * absent, the way the engine's own kernels choose: put the loops behind a small interface, write the
 * Vector API implementation in a class of its own (the only class that names the Vector API), and let
 * {@link #load} create it when the module is present, else take the scalar fallback.
 *
 * <pre>{@code
 * interface Loops { void backward(float[] x, float[] dy, float[] dx, int from, int to); }
 * static final Loops LOOPS = VectorSupport.load(Loops.class, "org.acme.VectorLoops", ScalarLoops::new);
 * }</pre>
 *
 * <p>The vector class is loaded only by name (through the calling class's class loader, so a plugin's
 * own loader finds it) and only when the
 * module is in the boot layer, so a JVM started without {@code --add-modules jdk.incubator.vector} never
 * links it and cannot fail with {@code NoClassDefFoundError}. Both implementations must compute the
 * same bits: lane-wise IEEE add, multiply, divide, square root, fma, min and max are exact, so the same
 * operations in the same order agree.
 */
public final class VectorSupport {

    private static final String MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());

    private VectorSupport() {
    }

    /**
     * Compiles a vector implementation in the background: runs {@code vectorRound} (a few calls of its
     * loops on small arrays) and {@code scalarRound} (the same calls of its scalar twin) over and over on
     * a low-priority daemon thread, once per JVM for each {@code name}, and returns at once. The future
     * completes with {@code true} when the vector round has run no slower than the scalar one three times
     * in a row (the JIT's optimising compiler has compiled it), or with {@code false} when that has not
     * happened after 20,000 rounds or a round threw (logged at {@code DEBUG}).
     *
     * <p>Until C2 compiles it, Vector API code runs boxed, allocating for every operation and some hundred
     * times slower than scalar code: an Adam step over 235,000 parameters then takes half a second instead
     * of 0.1 ms. So an implementation runs its scalar twin (same bits) until the future says otherwise:
     * <pre>{@code
     * if (compiled.getNow(false)) vectorLoop(x); else scalarLoop(x);
     * }</pre>
     */
    public static CompletableFuture<Boolean> warmUpInBackground(String name, Runnable vectorRound,
                                                                Runnable scalarRound) {
        Objects.requireNonNull(vectorRound, "vectorRound");
        Objects.requireNonNull(scalarRound, "scalarRound");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture<Boolean> previous = WARM_UPS.putIfAbsent(Objects.requireNonNull(name, "name"), done);
        if (previous != null) {
            return previous;
        }
        Thread t = new Thread(() -> {
            try {
                int fast = 0;
                for (int i = 0; i < 20_000 && fast < 3; i++) {
                    long start = System.nanoTime();
                    vectorRound.run();
                    long vector = System.nanoTime() - start;
                    start = System.nanoTime();
                    scalarRound.run();
                    long scalar = System.nanoTime() - start;
                    fast = vector <= scalar ? fast + 1 : 0;
                }
                done.complete(fast >= 3);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, "warm-up of " + name + " failed; its scalar loops stay in use", e);
                done.complete(false);
            }
        }, "hebb-warm-up-" + name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return done;
    }

    private static final Map<String, CompletableFuture<Boolean>> WARM_UPS = new ConcurrentHashMap<>();

    /** Whether the {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with it). */
    public static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * A new instance of {@code vectorClass} (which implements {@code type} and has a no-argument
     * constructor of any visibility) when the Vector API is available and the class links, else
     * {@code fallback.get()}. A vector class that is missing or fails to link is logged once at
     * {@code DEBUG} and replaced by the fallback, never thrown.
     */
    public static <T> T load(Class<T> type, String vectorClass, Supplier<? extends T> fallback) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(vectorClass, "vectorClass");
        Objects.requireNonNull(fallback, "fallback");
        if (available()) {
            try {
                ClassLoader loader = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .getCallerClass().getClassLoader();
                Class<?> c = Class.forName(vectorClass, true, loader);
                var constructor = c.getDeclaredConstructor();
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance());
            } catch (LinkageError | ReflectiveOperationException | ClassCastException | SecurityException e) {
                LOG.log(System.Logger.Level.DEBUG, "vector implementation " + vectorClass
                        + " unavailable, using the scalar one", e);
            }
        }
        return Objects.requireNonNull(fallback.get(), "fallback result");
    }
}
