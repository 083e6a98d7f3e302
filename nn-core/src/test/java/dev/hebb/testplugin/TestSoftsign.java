package dev.hebb.testplugin;

import dev.hebb.activation.ElementwiseActivation;

/**
 * Test-only softsign, {@code f(x) = x/(1+|x|)}, {@code f'(x) = 1/(1+|x|)²}, optionally computing ranges (so
 * that the engine fuses it into the dense layer before it). Counts the whole-array forward calls, so tests
 * can see which path ran.
 */
public final class TestSoftsign extends ElementwiseActivation {

    private final boolean ranges;
    private int wholeArrayForwards;

    /** @param ranges whether {@link #forwardRange} is supported */
    public TestSoftsign(boolean ranges) {
        super("test_softsign");
        this.ranges = ranges;
    }

    /** How many times the unfused, whole-array forward ran. */
    public int wholeArrayForwards() {
        return wholeArrayForwards;
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
        for (int i = 0; i < x.length; i++) {
            float d = 1 + Math.abs(x[i]);
            dx[i] = dy[i] / (d * d);
        }
    }
}
