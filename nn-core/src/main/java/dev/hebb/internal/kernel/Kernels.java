package dev.hebb.internal.kernel;

import dev.hebb.tensor.VectorSupport;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses the kernel once per JVM: the {@code jdk.incubator.vector} kernel when that module is present,
 * otherwise the scalar one, with one log line saying how to enable the fast path. The thread count comes
 * from the system property {@value Parallel#THREADS_PROPERTY} (default: available processors).
 * Nothing else names a kernel.
 */
public final class Kernels {

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static volatile Kernel current;

    private Kernels() {
    }

    /** The kernel the engine uses. */
    public static Kernel get() {
        Kernel k = current;
        if (k == null) {
            synchronized (Kernels.class) {
                if (current == null) {
                    current = best(Parallel.configuredThreads());
                }
                k = current;
            }
        }
        return k;
    }

    /**
     * Replaces the kernel the engine uses (benchmarks compare kernels and thread counts this way) and
     * returns the previous one. Not for use while a computation runs.
     */
    public static synchronized Kernel use(Kernel kernel) {
        Kernel previous = get();
        current = java.util.Objects.requireNonNull(kernel, "kernel");
        return previous;
    }

    /**
     * The fastest kernel available here running on {@code threads} threads: the Vector API kernel when
     * {@code jdk.incubator.vector} is resolvable, else the scalar reference.
     */
    public static Kernel best(int threads) {
        Kernel vector = vector(threads);
        return vector != null ? vector : new ScalarKernel();
    }

    /**
     * The Vector API kernel on {@code threads} threads, or {@code null} (after logging once how to enable
     * it) when the {@code jdk.incubator.vector} module is not in the boot layer.
     */
    public static Kernel vector(int threads) {
        if (!VectorSupport.available()) {
            warnOnce(null);
            return null;
        }
        try {
            // Loaded reflectively so that this class links even where the module is absent.
            Class<?> type = Class.forName("dev.hebb.internal.kernel.VectorKernel");
            var constructor = type.getDeclaredConstructor(Parallel.class);
            Kernel kernel = (Kernel) constructor.newInstance(new Parallel(threads));
            warmUpOnce(type, kernel);
            return kernel;
        } catch (LinkageError | ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            warnOnce(cause);
            return null;
        }
    }

    private static boolean warned;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    /**
     * Compiles the vector kernel's code paths in the background, once per JVM (compiled code is shared by
     * every instance), while the caller loads data and builds its model.
     */
    private static void warmUpOnce(Class<?> type, Kernel kernel) throws ReflectiveOperationException {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        var warmUp = type.getDeclaredMethod("warmUp", Kernel.class);
        // The same background thread as the activations' warm-ups; the kernel needs no switch, since its
        // products stay correct (only slower) while its code is not yet compiled.
        VectorSupport.warmUp("kernel", () -> {
            try {
                warmUp.invoke(null, kernel);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("kernel warm-up failed", e);
            }
        });
    }

    private static synchronized void warnOnce(Throwable cause) {
        if (warned) {
            return;
        }
        warned = true;
        LOG.log(System.Logger.Level.WARNING, "Hebb runs on its slow scalar kernel because the Vector API is not "
                + "available" + (cause == null ? "" : " (" + cause + ")")
                + "; start the JVM with --add-modules jdk.incubator.vector for the fast kernel.");
    }
}
