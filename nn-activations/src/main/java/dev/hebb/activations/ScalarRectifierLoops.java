package dev.hebb.activations;

/** The reference rectifier loops, also the tails of the vector ones. */
final class ScalarRectifierLoops implements RectifierLoops {

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        relu(x, dy, dx, from, to);
    }

    @Override
    public void leakyReluBackward(float[] x, float[] dy, float[] dx, float slope, int from, int to) {
        leaky(x, dy, dx, slope, from, to);
    }

    static void relu(float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0f;
        }
    }

    static void leaky(float[] x, float[] dy, float[] dx, float slope, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dy[i];
            dx[i] = x[i] > 0 ? g : g * slope;
        }
    }
}
