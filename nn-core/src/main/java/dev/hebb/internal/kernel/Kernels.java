package dev.hebb.internal.kernel;

/**
 * Chooses the kernel once per JVM. The performance work replaces the choice here (Vector API when the
 * {@code jdk.incubator.vector} module is present, scalar otherwise); nothing else names a kernel.
 */
public final class Kernels {

    private static final Kernel DEFAULT = new ScalarKernel();

    private Kernels() {
    }

    /** The kernel the engine uses. */
    public static Kernel get() {
        return DEFAULT;
    }
}
