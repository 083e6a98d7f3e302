/**
 * Deterministic elementary functions for element-wise kernels: {@link dev.hebb.math.ScalarMath} one
 * {@code double} at a time, {@link dev.hebb.math.VectorMath} on whole {@code jdk.incubator.vector} lanes,
 * bitwise equal to each other. The built-in activations are written with them, and so can a third party's:
 *
 * <pre>{@code
 * public final class Swish extends ElementwiseActivation {          // f(x) = x·σ(x)
 *     private static final boolean VECTOR = ScalarMath.vectorApiAvailable();
 *     protected void forward(float[] x, float[] y) {
 *         int i = VECTOR ? SwishLanes.forward(x, y) : 0;          // the bulk, in a class of its own
 *         for (; i < x.length; i++) {                             // the tail, or all without the module
 *             y[i] = (float) (x[i] * ScalarMath.sigmoid(x[i]));
 *         }
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>The lane code lives in a class of its own ({@code SwishLanes}, with the loop shown in
 * {@link dev.hebb.math.VectorMath}) so that nothing loads {@code jdk.incubator.vector} classes on a JVM
 * started without {@code --add-modules jdk.incubator.vector}; there the activation runs its scalar loop and
 * gives the same bits. ({@link dev.hebb.tensor.VectorSupport} offers the same choice through an interface,
 * and {@link dev.hebb.tensor.VectorSupport#warmUp}, a background warm-up of the lane code, which runs boxed
 * until C2 compiles it, and a switch that keeps callers on the scalar loop until then.)
 *
 * <p>Keep a loop body's Vector API calls few (about 30 operations): C2 stops inlining once parsing has
 * created 18,000 nodes, each call costs hundreds, and a vector that is not inlined is boxed on the heap.
 * Constant operands as {@code static final} vectors rather than scalars, and longer computations split into
 * passes through a scratch array, as nn-activations' {@code Lanes} does.
 */
package dev.hebb.math;
