package dev.hebb.activations;

import static dev.hebb.activations.Functions.GELU_CUBIC;
import static dev.hebb.activations.Functions.INV_SQRT_2;
import static dev.hebb.activations.Functions.INV_SQRT_2PI;
import static dev.hebb.activations.Functions.SQRT_2_OVER_PI;
import static dev.hebb.math.VectorMath.LANES;
import static dev.hebb.math.VectorMath.broadcast;
import static dev.hebb.math.VectorMath.exp;
import static dev.hebb.math.VectorMath.load;
import static dev.hebb.math.VectorMath.loopBound;
import static dev.hebb.math.VectorMath.store;
import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.hebb.math.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of the built-in activations, on {@link VectorMath}: each processes whole vectors of an
 * array and returns the index where it stopped, and the activation finishes the tail with the scalar twin in
 * {@link Functions} or in the activation (same operations in the same order, so the same bits). Only
 * called when {@link VectorLoops#on} is true, so this class (and {@code jdk.incubator.vector}) is never
 * loaded without the module.
 */
final class Lanes {

    // Constant vectors rather than scalar operands: see the note in VectorMath (C2's inlining budget).
    private static final DoubleVector ZERO = broadcast(0);
    private static final DoubleVector ONE = broadcast(1);
    private static final DoubleVector TWO = broadcast(2);
    private static final DoubleVector FOUR = broadcast(4);
    private static final DoubleVector THREE = broadcast(3);
    private static final DoubleVector MINUS_THREE = broadcast(-3);
    private static final DoubleVector SIX = broadcast(6);
    /** Float lanes for the kernels that are exact in float arithmetic (the clamps). */
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final DoubleVector HALF = broadcast(0.5);
    private static final DoubleVector MINUS_HALF = broadcast(-0.5);
    private static final DoubleVector V_INV_SQRT_2 = broadcast(INV_SQRT_2);
    private static final DoubleVector V_INV_SQRT_2PI = broadcast(INV_SQRT_2PI);
    private static final DoubleVector V_SQRT_2_OVER_PI = broadcast(SQRT_2_OVER_PI);
    private static final DoubleVector CUBIC = broadcast(GELU_CUBIC);
    private static final DoubleVector THREE_CUBIC = broadcast(3 * GELU_CUBIC);
    private static final DoubleVector CENTRAL = broadcast(Functions.GELU_CENTRAL);
    private static final DoubleVector PHI_0 = broadcast(Functions.PHI[0]);
    private static final DoubleVector PHI_1 = broadcast(Functions.PHI[1]);
    private static final DoubleVector PHI_2 = broadcast(Functions.PHI[2]);
    private static final DoubleVector PHI_3 = broadcast(Functions.PHI[3]);
    private static final DoubleVector PHI_4 = broadcast(Functions.PHI[4]);
    private static final DoubleVector PHI_5 = broadcast(Functions.PHI[5]);
    private static final DoubleVector PHI_6 = broadcast(Functions.PHI[6]);
    private static final DoubleVector PHI_7 = broadcast(Functions.PHI[7]);
    private static final DoubleVector PHI_8 = broadcast(Functions.PHI[8]);
    private static final DoubleVector PHI_9 = broadcast(Functions.PHI[9]);
    private static final DoubleVector PHI_10 = broadcast(Functions.PHI[10]);
    private static final DoubleVector PHI_11 = broadcast(Functions.PHI[11]);
    private static final DoubleVector PHI_12 = broadcast(Functions.PHI[12]);
    private static final DoubleVector PHI_13 = broadcast(Functions.PHI[13]);
    private static final DoubleVector PHI_14 = broadcast(Functions.PHI[14]);
    private static final DoubleVector PHI_15 = broadcast(Functions.PHI[15]);
    private static final DoubleVector PHI_16 = broadcast(Functions.PHI[16]);
    private static final DoubleVector MISH_LINEAR_ABOVE = broadcast(Functions.MISH_LINEAR_ABOVE);
    private static final DoubleVector FLOAT_MAX = broadcast(Float.MAX_VALUE);
    private static final DoubleVector MINUS_FLOAT_MAX = broadcast(-Float.MAX_VALUE);

    /**
     * The heaviest kernels (GELU, the backward of its tanh form, softplus) run in two or three passes over
     * blocks of this many elements, leaving intermediate values in a thread's scratch array (128 KiB,
     * in L2): in one loop body their Vector API code would exceed the node budget within which C2 inlines
     * (NodeCountInliningCutoff), and a vector that is not inlined is boxed on the heap. Each pass is a method
     * of its own whose loop C2 compiles early and alone; the block loop runs a few times per call, so it is
     * compiled late and then finds the passes "already compiled into a big method", which it does not inline.
     */
    private static final int BLOCK = 16384;
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[BLOCK]);
    /** Starts of the vectors of a block that need GELU's tail formula. */
    private static final ThreadLocal<int[]> TAILS = ThreadLocal.withInitial(() -> new int[BLOCK]);

    private Lanes() {
    }

    private static double[] scratch() {
        return SCRATCH.get();
    }

    /** {@code v} rounded to float and clamped to ±{@link Float#MAX_VALUE}, as {@link Checks#saturate}. */
    private static DoubleVector saturated(DoubleVector v) {
        return v.max(MINUS_FLOAT_MAX).min(FLOAT_MAX);
    }

    static int sigmoid(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            store(VectorMath.sigmoid(load(x, i)), y, i);
        }
        return n;
    }

    static int tanh(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            store(VectorMath.tanh(load(x, i)), y, i);
        }
        return n;
    }

    static int silu(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            store(v.mul(VectorMath.sigmoid(v)), y, i);
        }
        return n;
    }

    static int siluBackward(float[] x, float[] dy, float[] dx) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector e = exp(v.lanewise(ABS).neg());
            DoubleVector r = ONE.div(e.add(ONE));
            DoubleVector s = e.mul(r).blend(r, v.compare(GE, ZERO));
            DoubleVector d = s.add(v.mul(e).mul(r).mul(r));
            store(load(dy, i).mul(d), dx, i);
        }
        return n;
    }

    /** e^{−x²/2} and Φ(x), as {@code Functions.gaussian} and {@code Functions.cdf}. */
    private static DoubleVector gaussian(DoubleVector v) {
        return exp(v.mul(MINUS_HALF).mul(v));
    }

    private static DoubleVector cdf(DoubleVector v, DoubleVector gaussian) {
        DoubleVector tail = gaussian.mul(HALF).mul(VectorMath.erfcx(v.lanewise(ABS).mul(V_INV_SQRT_2)));
        DoubleVector upper = ONE.sub(tail);
        return upper.blend(tail, v.compare(LT, ZERO));
    }

    /**
     * GELU forward: the polynomial x·(1/2 + x·P(x²)) for every element of a block, noting the vectors with an
     * element beyond |x| = 2.5; then, for those vectors only, the tail formula in two passes (e^{−x²/2}, then
     * Φ through erfcx), blended into the lanes beyond 2.5. Each element gets the value of
     * {@link Functions#gelu}, whichever vector it shares.
     */
    static int gelu(float[] x, float[] y) {
        return blocks(GELU_FORWARD, x, null, y);
    }

    /**
     * One pass of a blocked kernel over the block {@code [start, end)}: {@code in} is dy and {@code out} y or
     * dx; {@code g} and {@code tails} carry results between the passes, {@code count} how many vectors are
     * in {@code tails}; returns the new count.
     */
    @FunctionalInterface
    private interface Pass {
        int run(float[] x, float[] in, float[] out, int start, int end, double[] g, int[] tails, int count);
    }

    // The passes are called through these tables rather than directly, so that C2 compiles each on its own:
    // with six implementations the call in blocks() is megamorphic and never inlined. Inlined together into
    // one method, they exceeded C2's node budget after a few seconds of use (when the block driver reached
    // its optimising compile), some vector operations were then left out of line, and GELU ran ~50% slower
    // while allocating 1.4 MB of boxed vectors per forward and backward call on [128, 256].
    private static final Pass[] GELU_FORWARD = {
        (x, in, y, start, end, g, tails, count) -> geluCentral(x, y, start, end, tails),
        (x, in, y, start, end, g, tails, count) -> gaussiansAt(x, tails, count, g),
        (x, in, y, start, end, g, tails, count) -> geluTails(x, y, tails, count, g)};
    private static final Pass[] GELU_BACKWARD = {
        (x, dy, dx, start, end, g, tails, count) -> {
            gaussians(x, start, end, g);
            return count;
        },
        (x, dy, dx, start, end, g, tails, count) -> geluBackwardCentral(x, dy, dx, start, end, g, tails),
        (x, dy, dx, start, end, g, tails, count) -> {
            geluBackwardTails(x, dy, dx, start, tails, count, g);
            return count;
        }};

    /** Runs {@code passes} in order over each block of the whole vectors of x; returns where they end. */
    private static int blocks(Pass[] passes, float[] x, float[] in, float[] out) {
        int n = loopBound(x.length);
        double[] g = scratch();
        int[] tails = TAILS.get();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            int count = 0;
            for (Pass pass : passes) {
                count = pass.run(x, in, out, start, end, g, tails, count);
            }
        }
        return n;
    }

    /** y = x·(1/2 + x·P(x²)) on [start, end); returns how many vectors it put in {@code tails}. */
    private static int geluCentral(float[] x, float[] y, int start, int end, int[] tails) {
        int count = 0;
        for (int i = start; i < end; i += LANES) {
            DoubleVector v = load(x, i);
            store(v.mul(centralCdf(v)), y, i);
            if (v.lanewise(ABS).compare(GT, CENTRAL).anyTrue()) {
                tails[count++] = i;
            }
        }
        return count;
    }

    /** g[j·LANES + lane] = e^{−x²/2} for the vectors at {@code starts[0 .. count)}. */
    private static int gaussiansAt(float[] x, int[] starts, int count, double[] g) {
        for (int j = 0; j < count; j++) {
            gaussian(load(x, starts[j])).intoArray(g, j * LANES);
        }
        return count;
    }

    /** The tail formula x·Φ(x) blended into the lanes beyond |x| = 2.5 of the vectors at {@code starts}. */
    private static int geluTails(float[] x, float[] y, int[] starts, int count, double[] g) {
        for (int j = 0; j < count; j++) {
            int i = starts[j];
            DoubleVector v = load(x, i);
            DoubleVector tail = v.mul(cdf(v, DoubleVector.fromArray(VectorMath.SPECIES, g, j * LANES)));
            store(load(y, i).blend(tail, v.lanewise(ABS).compare(GT, CENTRAL)), y, i);
        }
        return count;
    }

    /** g[i − start] = e^{−x²/2} for x in x[start, end): the first half of a GELU, see {@link #BLOCK}. */
    private static void gaussians(float[] x, int start, int end, double[] g) {
        for (int i = start; i < end; i += LANES) {
            gaussian(load(x, i)).intoArray(g, i - start);
        }
    }

    /**
     * GELU backward, per block: e^{−x²/2} for every element; Φ(x) + x·φ(x) with the polynomial Φ for every
     * element, noting the vectors with an element beyond |x| = 2.5; Φ from the tail formula blended into
     * those lanes. As {@link Functions#geluDerivative} element by element.
     */
    static int geluBackward(float[] x, float[] dy, float[] dx) {
        return blocks(GELU_BACKWARD, x, dy, dx);
    }

    /** Φ = 1/2 + x·P(x²), lane-wise, as {@link Functions#centralCdf}. */
    private static DoubleVector centralCdf(DoubleVector v) {
        DoubleVector w = v.mul(v);
        DoubleVector p = w.fma(PHI_16, PHI_15);
        p = p.fma(w, PHI_14);
        p = p.fma(w, PHI_13);
        p = p.fma(w, PHI_12);
        p = p.fma(w, PHI_11);
        p = p.fma(w, PHI_10);
        p = p.fma(w, PHI_9);
        p = p.fma(w, PHI_8);
        p = p.fma(w, PHI_7);
        p = p.fma(w, PHI_6);
        p = p.fma(w, PHI_5);
        p = p.fma(w, PHI_4);
        p = p.fma(w, PHI_3);
        p = p.fma(w, PHI_2);
        p = p.fma(w, PHI_1);
        p = p.fma(w, PHI_0);
        return v.fma(p, HALF);
    }

    private static int geluBackwardCentral(float[] x, float[] dy, float[] dx, int start, int end, double[] gs,
            int[] tails) {
        int count = 0;
        for (int i = start; i < end; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector g = DoubleVector.fromArray(VectorMath.SPECIES, gs, i - start);
            DoubleVector d = centralCdf(v).add(v.mul(V_INV_SQRT_2PI).mul(g));
            store(load(dy, i).mul(d), dx, i);
            if (v.lanewise(ABS).compare(GT, CENTRAL).anyTrue()) {
                tails[count++] = i;
            }
        }
        return count;
    }

    private static void geluBackwardTails(float[] x, float[] dy, float[] dx, int start, int[] starts, int count,
            double[] gs) {
        for (int j = 0; j < count; j++) {
            int i = starts[j];
            DoubleVector v = load(x, i);
            DoubleVector g = DoubleVector.fromArray(VectorMath.SPECIES, gs, i - start);
            DoubleVector d = cdf(v, g).add(v.mul(V_INV_SQRT_2PI).mul(g));
            store(load(dx, i).blend(load(dy, i).mul(d), v.lanewise(ABS).compare(GT, CENTRAL)), dx, i);
        }
    }

    /** 2u = 2·√(2/π)(x + 0.044715x³), as in {@link Functions#geluTanh}. */
    private static DoubleVector twiceU(DoubleVector v) {
        return v.mul(CUBIC).mul(v).mul(v).add(v).mul(V_SQRT_2_OVER_PI).mul(TWO);
    }

    static int geluTanh(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            store(v.mul(VectorMath.sigmoid(twiceU(v))), y, i);
        }
        return n;
    }

    static int geluTanhBackward(float[] x, float[] dy, float[] dx) {
        int n = loopBound(x.length);
        double[] e = scratch();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            geluTanhExponentials(x, start, end, e);
            geluTanhBackwardBlock(x, dy, dx, start, end, e);
        }
        return n;
    }

    /** e[i − start] = e^{−|2u|} for x in x[start, end): the first pass of {@link #geluTanhBackward}. */
    private static void geluTanhExponentials(float[] x, int start, int end, double[] e) {
        for (int i = start; i < end; i += LANES) {
            exp(twiceU(load(x, i)).lanewise(ABS).neg()).intoArray(e, i - start);
        }
    }

    private static void geluTanhBackwardBlock(float[] x, float[] dy, float[] dx, int start, int end, double[] es) {
        for (int i = start; i < end; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector w = twiceU(v);
            DoubleVector du = v.mul(THREE_CUBIC).mul(v).add(ONE).mul(V_SQRT_2_OVER_PI);
            DoubleVector e = DoubleVector.fromArray(VectorMath.SPECIES, es, i - start);
            DoubleVector r = ONE.div(e.add(ONE));
            DoubleVector s = e.mul(r).blend(r, w.compare(GE, ZERO));
            DoubleVector d = s.add(v.mul(e.mul(r).mul(r).mul(TWO)).mul(du));
            store(load(dy, i).mul(d), dx, i);
        }
    }

    static int mish(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector e = exp(v);
            DoubleVector m = e.add(TWO).mul(e);
            DoubleVector f = v.mul(m).div(m.add(TWO));
            store(f.blend(v, v.compare(GT, MISH_LINEAR_ABOVE)), y, i);
        }
        return n;
    }

    static int mishBackward(float[] x, float[] dy, float[] dx) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector e = exp(v);
            DoubleVector m = e.add(TWO).mul(e);
            DoubleVector q = ONE.div(m.add(TWO));
            DoubleVector sech2 = m.add(ONE).mul(FOUR).mul(q).mul(q);
            DoubleVector d = m.mul(q).add(v.mul(e.div(e.add(ONE))).mul(sech2));
            DoubleVector g = load(dy, i);
            store(g.mul(d).blend(g, v.compare(GT, MISH_LINEAR_ABOVE)), dx, i);
        }
        return n;
    }

    static int softplus(float[] x, float[] y, double beta, double threshold) {
        int n = loopBound(x.length);
        double[] scratch = scratch();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            softplusExponentials(x, start, end, scratch, beta);
            log1pInPlace(scratch, end - start);
            softplusBlock(x, y, start, end, scratch, beta, threshold);
        }
        return n;
    }

    /** e[i − start] = e^{−|βx|} for x in x[start, end): the first pass of {@link #softplus}. */
    private static void softplusExponentials(float[] x, int start, int end, double[] e, double beta) {
        DoubleVector b = broadcast(beta);
        for (int i = start; i < end; i += LANES) {
            exp(load(x, i).mul(b).lanewise(ABS).neg()).intoArray(e, i - start);
        }
    }

    /** a[i] = ln(1 + a[i]) for i &lt; n: the second pass of {@link #softplus}. */
    private static void log1pInPlace(double[] a, int n) {
        for (int i = 0; i < n; i += LANES) {
            VectorMath.log1p(DoubleVector.fromArray(VectorMath.SPECIES, a, i)).intoArray(a, i);
        }
    }

    /** y = (max(βx, 0) + log[i − start])/β, or x above the threshold: the last pass of {@link #softplus}. */
    private static void softplusBlock(float[] x, float[] y, int start, int end, double[] log, double beta,
            double threshold) {
        DoubleVector b = broadcast(beta);
        DoubleVector t = broadcast(threshold);
        for (int i = start; i < end; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector bx = v.mul(b);
            DoubleVector soft = bx.max(ZERO).add(DoubleVector.fromArray(VectorMath.SPECIES, log, i - start)).div(b);
            store(saturated(soft).blend(v, bx.compare(GT, t)), y, i);
        }
    }

    static int softplusBackward(float[] x, float[] dy, float[] dx, double beta, double threshold) {
        int n = loopBound(x.length);
        DoubleVector b = broadcast(beta);
        DoubleVector t = broadcast(threshold);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector bx = load(x, i).mul(b);
            DoubleVector g = load(dy, i);
            store(g.mul(VectorMath.sigmoid(bx)).blend(g, bx.compare(GT, t)), dx, i);
        }
        return n;
    }

    /** The ELU family, s·x if x &gt; 0 else s·α·(e^{c·x} − 1); see {@link ExponentialLinear}. */
    static int expLinear(float[] x, float[] y, double scale, double negativeScale, double inputScale) {
        int n = loopBound(x.length);
        DoubleVector s = broadcast(scale);
        DoubleVector a = broadcast(negativeScale);
        DoubleVector c = broadcast(inputScale);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector negative = VectorMath.expm1(v.mul(c)).mul(a);
            VectorMask<Double> positive = v.compare(GT, ZERO);
            store(saturated(negative.blend(v.mul(s), positive)), y, i);
        }
        return n;
    }

    static int expLinearBackward(float[] x, float[] dy, float[] dx, double scale, double negativeSlope,
            double inputScale) {
        int n = loopBound(x.length);
        DoubleVector s = broadcast(scale);
        DoubleVector a = broadcast(negativeSlope);
        DoubleVector c = broadcast(inputScale);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector slope = exp(v.mul(c)).mul(a).blend(s, v.compare(GT, ZERO));
            store(load(dy, i).mul(slope), dx, i);
        }
        return n;
    }

    static int softsign(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            store(v.div(v.lanewise(ABS).add(ONE)), y, i);
        }
        return n;
    }

    static int softsignBackward(float[] x, float[] dy, float[] dx) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector d = load(x, i).lanewise(ABS).add(ONE);
            store(load(dy, i).div(d.mul(d)), dx, i);
        }
        return n;
    }

    /** min(max(x, lo), hi) as {@link Clamp}: exact float operations, so float lanes. */
    static int clamp(float[] x, float[] y, float lo, float hi) {
        int n = FLOATS.loopBound(x.length);
        FloatVector a = FloatVector.broadcast(FLOATS, lo);
        FloatVector b = FloatVector.broadcast(FLOATS, hi);
        for (int i = 0; i < n; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, i);
            v.blend(b, v.compare(GT, b)).blend(a, v.compare(LT, a)).intoArray(y, i);
        }
        return n;
    }

    static int clampBackward(float[] x, float[] dy, float[] dx, float lo, float hi) {
        int n = FLOATS.loopBound(x.length);
        FloatVector a = FloatVector.broadcast(FLOATS, lo);
        FloatVector b = FloatVector.broadcast(FLOATS, hi);
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = 0; i < n; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, i);
            VectorMask<Float> inside = v.compare(GT, a).and(v.compare(LT, b));
            zero.blend(FloatVector.fromArray(FLOATS, dy, i), inside).intoArray(dx, i);
        }
        return n;
    }

    /**
     * ReLU backward, dx = x &gt; 0 ? dy : 0, as a lane mask and a blend: on random signs the scalar branch
     * mispredicts half the time. Exact in float lanes.
     */
    /** ReLU backward on {@code [from, to)}, dx = x &gt; 0 ? dy : 0; returns where the scalar loop must go on. */
    static int reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        int n = from + FLOATS.loopBound(to - from);
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < n; i += FLOATS.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(FLOATS, x, i).compare(GT, 0f);
            zero.blend(FloatVector.fromArray(FLOATS, dy, i), positive).intoArray(dx, i);
        }
        return n;
    }

    /**
     * Leaky ReLU forward on {@code [from, to)}: y = x &gt; 0 ? x : float(clamp(x·slope)) with the product in
     * double, as the scalar twin; returns where the scalar loop must go on.
     */
    static int leakyRelu(float[] x, float[] y, int from, int to, double slope) {
        int n = from + loopBound(to - from);
        for (int i = from; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector negative = v.mul(slope).min(Float.MAX_VALUE).max(-Float.MAX_VALUE); // Checks.saturate
            store(negative.blend(v, v.compare(GT, 0)), y, i);
        }
        return n;
    }

    /** Leaky ReLU backward on {@code [from, to)}, dx = x &gt; 0 ? dy : dy·slope (one float multiply, as the scalar twin). */
    static int leakyReluBackward(float[] x, float[] dy, float[] dx, int from, int to, float slope) {
        int n = from + FLOATS.loopBound(to - from);
        for (int i = from; i < n; i += FLOATS.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(FLOATS, x, i).compare(GT, 0f);
            FloatVector g = FloatVector.fromArray(FLOATS, dy, i);
            g.mul(slope).blend(g, positive).intoArray(dx, i);
        }
        return n;
    }

    static int hardsigmoid(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector middle = v.div(SIX).add(HALF);
            store(middle.blend(ZERO, v.compare(LE, MINUS_THREE)).blend(ONE, v.compare(GE, THREE)), y, i);
        }
        return n;
    }

    static int hardsigmoidBackward(float[] x, float[] dy, float[] dx) {
        int n = FLOATS.loopBound(x.length);
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = 0; i < n; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, i);
            VectorMask<Float> inside = v.compare(GT, -3f).and(v.compare(LT, 3f));
            zero.blend(FloatVector.fromArray(FLOATS, dy, i).div(6f), inside).intoArray(dx, i);
        }
        return n;
    }

    static int hardswish(float[] x, float[] y) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector middle = v.mul(v.add(THREE)).div(SIX);
            store(middle.blend(ZERO, v.compare(LE, MINUS_THREE)).blend(v, v.compare(GE, THREE)), y, i);
        }
        return n;
    }

    static int hardswishBackward(float[] x, float[] dy, float[] dx) {
        int n = loopBound(x.length);
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = load(x, i);
            DoubleVector g = load(dy, i);
            DoubleVector middle = g.mul(v.div(THREE).add(HALF));
            store(middle.blend(ZERO, v.compare(LT, MINUS_THREE)).blend(g, v.compare(GT, THREE)), dx, i);
        }
        return n;
    }

    /** The running sum of {@link #exponentials}, per thread (a second return value without an allocation). */
    private static final ThreadLocal<double[]> SUM = ThreadLocal.withInitial(() -> new double[1 + LANES]);

    /**
     * For the whole vectors of x[from, to): e = e^{x − max} (as {@link dev.hebb.math.ScalarMath#exp}), rounded
     * into y unless y is null, and Σ e added in index order (so the same sum as a scalar loop), kept for
     * {@link #sum()}. Returns where it stopped.
     */
    static int exponentials(float[] x, float[] y, int from, int to, float max) {
        int end = from + loopBound(to - from);
        DoubleVector m = broadcast(max);
        double[] lanes = SUM.get();
        double sum = 0;
        for (int i = from; i < end; i += LANES) {
            DoubleVector e = exp(load(x, i).sub(m));
            if (y != null) {
                store(e, y, i);
            }
            e.intoArray(lanes, 1);
            for (int k = 1; k <= LANES; k++) {
                sum += lanes[k];
            }
        }
        lanes[0] = sum;
        return end;
    }

    /** The sum left by the last {@link #exponentials} call on this thread. */
    static double sum() {
        return SUM.get()[0];
    }

    /** y = (float) (y·s) for the whole vectors of y[from, to); returns where it stopped. */
    static int scale(float[] y, int from, int to, double s) {
        int end = from + loopBound(to - from);
        DoubleVector v = broadcast(s);
        for (int i = from; i < end; i += LANES) {
            store(load(y, i).mul(v), y, i);
        }
        return end;
    }

    /** y = saturate((x − max) − logSum) for the whole vectors of [from, to); returns where it stopped. */
    static int logSoftmax(float[] x, float[] y, int from, int to, float max, double logSum) {
        int end = from + loopBound(to - from);
        DoubleVector m = broadcast(max);
        DoubleVector l = broadcast(logSum);
        for (int i = from; i < end; i += LANES) {
            store(saturated(load(x, i).sub(m).sub(l)), y, i);
        }
        return end;
    }

    /** dx = dy − e^y·sum for the whole vectors of [from, to); returns where it stopped. */
    static int logSoftmaxBackward(float[] y, float[] dy, float[] dx, int from, int to, double sum) {
        int end = from + loopBound(to - from);
        DoubleVector s = broadcast(sum);
        for (int i = from; i < end; i += LANES) {
            store(load(dy, i).sub(exp(load(y, i)).mul(s)), dx, i);
        }
        return end;
    }
}
