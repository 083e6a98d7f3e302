package dev.hebb.testplugin;

import dev.hebb.activation.ElementwiseActivation;

/**
 * Test-only softsign, {@code f(x) = x/(1+|x|)}, {@code f'(x) = 1/(1+|x|)²}, optionally computing ranges (so
 * that the engine fuses it into the dense layers around it). Counts the whole-array forward and backward
 * calls, so tests can see which path ran.
 */
public final class TestSoftsign extends ElementwiseActivation {

    private final boolean ranges;
    private int wholeArrayForwards;
    private int wholeArrayBackwards;
    private int rangeBackwards;

    /** @param ranges whether {@link #forwardRange} and {@link #backwardRange} are supported */
    public TestSoftsign(boolean ranges) {
        super("test_softsign");
        this.ranges = ranges;
    }

    /** How many times the unfused, whole-array forward ran. */
    public int wholeArrayForwards() {
        return wholeArrayForwards;
    }

    /** How many times the unfused, whole-array backward ran. */
    public int wholeArrayBackwards() {
        return wholeArrayBackwards;
    }

    /** How many times a range of the backward ran (the fused backward's blocks call ranges by default). */
    public int rangeBackwards() {
        return rangeBackwards;
    }

    @Override
    protected void forward(float[] x, float[] y) {
        wholeArrayForwards++;
        apply(x, y, 0, x.length);
    }

    @Override
    public boolean computesRanges() {
        return ranges;
    }

    @Override
    public void forwardRange(float[] x, float[] y, int from, int to) {
        apply(x, y, from, to);
    }

    private static void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] / (1 + Math.abs(x[i]));
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        wholeArrayBackwards++;
        derivative(x, dy, dx, 0, x.length);
    }

    @Override
    public void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        rangeBackwards++;
        derivative(x, dy, dx, from, to);
    }

    private static void derivative(float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = 1 + Math.abs(x[i]);
            dx[i] = dy[i] / (d * d);
        }
    }
}
