package dev.hebb.tensor;

import java.time.Duration;
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
 * operations in the same order agree. That is also what lets {@link #warmUp} run the scalar twin until the
 * vector code is compiled.
 */
public final class VectorSupport {

    private static final String MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());

    private VectorSupport() {
    }

    /**
     * Starts compiling vector loops in the background: when the Vector API is {@link #available()}, runs
     * {@code work} once on a new daemon thread and returns at once; {@code work} calls the loops through
     * the same code path as real calls, for a fixed amount of work enough for the JIT's optimising compiler
     * (C2) to compile them. The returned switch says when callers should take the vector loops:
     * <pre>{@code
     * static final VectorSupport.WarmUp LOOPS = VectorSupport.warmUp("my-loops", MyLoops::warmUp);
     * int i = LOOPS.vector() ? VectorLoops.forward(x, y) : 0;  // then the scalar loop from i to the end
     * }</pre>
     *
     * <p>Why: until C2 compiles it, Vector API code runs boxed, allocating for every operation and some
     * hundred times slower than scalar code. So callers run their scalar twin (same bits) until {@code work}
     * has returned, while the warm-up thread itself, whose calls take the same path, gets {@code true} and
     * runs the vector loops. Nothing is timed:
     * when the switch flips depends only on how long the fixed work takes. If {@code work} throws, the error
     * is logged at {@code DEBUG} and the scalar loops stay in use. Without the module nothing runs and the
     * switch stays off, so {@code work} may name Vector API classes.
     */
    public static WarmUp warmUp(String name, Runnable work) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        return new WarmUp(name, available() ? work : null);
    }

    /** Says whether to run vector loops or their scalar twins; see {@link #warmUp}. */
    public static final class WarmUp {

        /** The warm-up thread, or {@code null} when there is no Vector API to warm up. */
        private final Thread thread;
        private volatile boolean done;

        private WarmUp(String name, Runnable work) {
            if (work == null) {
                thread = null;
                return;
            }
            thread = new Thread(() -> {
                try {
                    work.run();
                    done = true;
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, "warm-up of " + name + " failed; its scalar loops stay in use", e);
                }
            }, "hebb-warm-up-" + name);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }

        /**
         * Whether the calling thread should run the vector loops: once the warm-up's work has completed, and
         * on the warm-up thread itself. A comparison and a volatile read, cheap enough for every call.
         */
        public boolean vector() {
            if (Thread.currentThread() == thread) {
                return true;
            }
            // The flag's value is returned, never branched on: C2 compiles a branch not yet taken as a trap,
            // so a branch on a flag that only turns true after the warm-up would send every compiled caller
            // back to the interpreter (boxed vectors) at the moment it flips.
            return done;
        }

        /**
         * Waits up to {@code timeout} for the warm-up to end; returns {@link #vector()} as it then is for other
         * threads: {@code false} without the Vector API, or if the work failed or is still running.
         */
        public boolean await(Duration timeout) throws InterruptedException {
            if (thread != null) {
                thread.join(Math.max(1, timeout.toMillis()));
            }
            return done;
        }
    }

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
