package dev.hebb.activations;

import dev.hebb.tensor.VectorSupport;

/**
 * The backward loops of {@link Relu} and {@link LeakyRelu} over a range of the arrays, branch-free: on
 * random signs a {@code x > 0 ? dy : 0} branch mispredicts half the time and cost ten times the forward
 * pass. {@link ScalarRectifierLoops} is the reference; a {@code jdk.incubator.vector} implementation with
 * the same bits is used when that module is present.
 */
interface RectifierLoops {

    /** The loops this JVM uses. */
    RectifierLoops BEST = VectorSupport.load(RectifierLoops.class, "dev.hebb.activations.VectorRectifierLoops",
            ScalarRectifierLoops::new);

    /** {@code dx[i] = x[i] > 0 ? dy[i] : 0} for {@code i} in {@code [from, to)}. */
    void reluBackward(float[] x, float[] dy, float[] dx, int from, int to);

    /** {@code dx[i] = x[i] > 0 ? dy[i] : dy[i]·slope} for {@code i} in {@code [from, to)}. */
    void leakyReluBackward(float[] x, float[] dy, float[] dx, float slope, int from, int to);
}
