package dev.hebb.tensor;

import java.util.Objects;
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
     * Runs {@code body} once per JVM for each {@code name}, on a low-priority daemon thread, and returns at
     * once. Until the JIT's optimising compiler has compiled it, Vector API code runs boxed, allocating for
     * every operation and some hundred times slower than compiled; a vector implementation can call this
     * from its constructor with a loop over small arrays, so that it is compiled after a fraction of a
     * second instead of after the first seconds of real work. Failures are logged at {@code DEBUG}.
     */
    public static void warmUpInBackground(String name, Runnable body) {
        Objects.requireNonNull(body, "body");
        if (!WARMED.add(Objects.requireNonNull(name, "name"))) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, "warm-up of " + name + " failed", e);
            }
        }, "hebb-warm-up-" + name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final java.util.Set<String> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
