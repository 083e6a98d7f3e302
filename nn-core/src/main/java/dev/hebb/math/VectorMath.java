package dev.hebb.math;

import static dev.hebb.math.ScalarMath.E10;
import static dev.hebb.math.ScalarMath.E11;
import static dev.hebb.math.ScalarMath.E2;
import static dev.hebb.math.ScalarMath.E3;
import static dev.hebb.math.ScalarMath.E4;
import static dev.hebb.math.ScalarMath.E5;
import static dev.hebb.math.ScalarMath.E6;
import static dev.hebb.math.ScalarMath.E7;
import static dev.hebb.math.ScalarMath.E8;
import static dev.hebb.math.ScalarMath.E9;
import static dev.hebb.math.ScalarMath.ERFCX;
import static dev.hebb.math.ScalarMath.LG1;
import static dev.hebb.math.ScalarMath.LG2;
import static dev.hebb.math.ScalarMath.LG3;
import static dev.hebb.math.ScalarMath.LG4;
import static dev.hebb.math.ScalarMath.LG5;
import static dev.hebb.math.ScalarMath.LG6;
import static dev.hebb.math.ScalarMath.LG7;
import static dev.hebb.math.ScalarMath.LN2_HI;
import static dev.hebb.math.ScalarMath.LN2_LO;
import static dev.hebb.math.ScalarMath.LOG2E;
import static dev.hebb.math.ScalarMath.SHIFT;
import static dev.hebb.math.ScalarMath.SIGN;
import static dev.hebb.math.ScalarMath.SQRT_HALF_BITS;
import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.OR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The functions of {@link ScalarMath} on whole {@link DoubleVector}s, bitwise equal lane by lane to their
 * scalar twins, plus the loads and stores that move {@code float[]} data through double lanes. Element-wise
 * kernels (activations above all) use it for the bulk of an array and {@code ScalarMath} for the tail:
 *
 * <pre>{@code
 * // f(x) = x·σ(x), in a class that only runs when ScalarMath.vectorApiAvailable()
 * static int forward(float[] x, float[] y) {
 *     int bound = VectorMath.loopBound(x.length);
 *     for (int i = 0; i < bound; i += VectorMath.LANES) {
 *         DoubleVector v = VectorMath.load(x, i);
 *         VectorMath.store(v.mul(VectorMath.sigmoid(v)), y, i);
 *     }
 *     return bound;   // the caller finishes with: y[i] = (float) (x[i] * ScalarMath.sigmoid(x[i]))
 * }
 * }</pre>
 *
 * <p>Why double lanes for float data: the functions are then accurate to ~1e-16 (see {@link ScalarMath}),
 * so the float results are the float32 roundings of the exact values, as with scalar {@code Math.exp} in
 * double; float lanes would halve the work but give results off by an ulp or two. Why not
 * {@code VectorOperators.EXP}: it calls a native vector library where one is present and otherwise
 * {@link Math#exp}, so its last bits depend on the CPU and JDK build; this class uses only
 * {@code +, ×, ÷}, fused multiply-add and bit operations, which Java specifies to the bit.
 *
 * <p>Loading this class requires {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}):
 * reference it only from code that runs when {@link ScalarMath#vectorApiAvailable()} is true. Like all Vector
 * API code, a loop over it allocates until C2 has compiled it; in steady state it runs unboxed.
 */
public final class VectorMath {

    /** The double species used: the platform's preferred shape (8 lanes with AVX-512, 4 with AVX2). */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector of {@link #SPECIES}: the step of a loop over {@link #load}/{@link #store}. */
    public static final int LANES = SPECIES.length();
    /** Float vectors with as many lanes, half the bits: what {@link #load} reads and {@link #store} writes. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));

    // Operands are constant vectors rather than scalars: C2 stops inlining a method once parsing has created
    // 18,000 nodes, every Vector API call costs hundreds, and a scalar operand adds a broadcast to each. A
    // kernel whose vector code is not fully inlined boxes its vectors (it allocates and is 10x slower).
    private static final DoubleVector ONE = constant(1);
    private static final DoubleVector ZERO = constant(0);
    private static final DoubleVector TWO = constant(2);
    private static final DoubleVector FOUR = constant(4);
    private static final DoubleVector EIGHT = constant(8);
    private static final DoubleVector HALF = constant(0.5);
    private static final DoubleVector MINUS_TWO = constant(-2);
    private static final DoubleVector EXP_MAX = constant(ScalarMath.EXP_MAX);
    private static final DoubleVector EXP_MIN = constant(ScalarMath.EXP_MIN);
    private static final DoubleVector V_LOG2E = constant(LOG2E);
    private static final DoubleVector V_SHIFT = constant(SHIFT);
    private static final DoubleVector V_LN2_HI = constant(LN2_HI);
    private static final DoubleVector V_LN2_LO = constant(LN2_LO);
    private static final DoubleVector MINUS_LN2_HI = constant(-LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = constant(-LN2_LO);
    private static final DoubleVector C2 = constant(E2);
    private static final DoubleVector C3 = constant(E3);
    private static final DoubleVector C4 = constant(E4);
    private static final DoubleVector C5 = constant(E5);
    private static final DoubleVector C6 = constant(E6);
    private static final DoubleVector C7 = constant(E7);
    private static final DoubleVector C8 = constant(E8);
    private static final DoubleVector C9 = constant(E9);
    private static final DoubleVector C10 = constant(E10);
    private static final DoubleVector C11 = constant(E11);
    private static final DoubleVector V_LG1 = constant(LG1);
    private static final DoubleVector V_LG2 = constant(LG2);
    private static final DoubleVector V_LG3 = constant(LG3);
    private static final DoubleVector V_LG4 = constant(LG4);
    private static final DoubleVector V_LG5 = constant(LG5);
    private static final DoubleVector V_LG6 = constant(LG6);
    private static final DoubleVector V_LG7 = constant(LG7);
    private static final DoubleVector ERFCX_0 = constant(ERFCX[0]);
    private static final DoubleVector ERFCX_1 = constant(ERFCX[1]);
    private static final DoubleVector ERFCX_2 = constant(ERFCX[2]);
    private static final DoubleVector ERFCX_3 = constant(ERFCX[3]);
    private static final DoubleVector ERFCX_4 = constant(ERFCX[4]);
    private static final DoubleVector ERFCX_5 = constant(ERFCX[5]);
    private static final DoubleVector ERFCX_6 = constant(ERFCX[6]);
    private static final DoubleVector ERFCX_7 = constant(ERFCX[7]);
    private static final DoubleVector ERFCX_8 = constant(ERFCX[8]);
    private static final DoubleVector ERFCX_9 = constant(ERFCX[9]);
    private static final DoubleVector ERFCX_10 = constant(ERFCX[10]);
    private static final DoubleVector ERFCX_11 = constant(ERFCX[11]);
    private static final DoubleVector ERFCX_12 = constant(ERFCX[12]);
    private static final DoubleVector ERFCX_13 = constant(ERFCX[13]);
    private static final DoubleVector ERFCX_14 = constant(ERFCX[14]);
    private static final DoubleVector ERFCX_15 = constant(ERFCX[15]);
    private static final DoubleVector ERFCX_16 = constant(ERFCX[16]);
    private static final DoubleVector ERFCX_17 = constant(ERFCX[17]);
    private static final DoubleVector ERFCX_18 = constant(ERFCX[18]);
    private static final DoubleVector ERFCX_19 = constant(ERFCX[19]);
    /** Long lanes of the same shape, for the bit manipulations of exp and log1p. */
    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SPECIES.vectorShape());
    private static final LongVector BIAS = LongVector.broadcast(LONGS, 1023);
    private static final LongVector V_SQRT_HALF_BITS = LongVector.broadcast(LONGS, SQRT_HALF_BITS);
    private static final LongVector V_SIGN = LongVector.broadcast(LONGS, SIGN);

    private VectorMath() {
    }

    private static DoubleVector constant(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    /** The largest multiple of {@link #LANES} not above {@code length}: where the vector loop stops. */
    public static int loopBound(int length) {
        return SPECIES.loopBound(length);
    }

    /** {@code a[i .. i + LANES)} widened to double (exact). */
    public static DoubleVector load(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, a, i).convertShape(VectorOperators.F2D, SPECIES, 0);
    }

    /** Stores {@code v}, rounded to float (as a {@code (float)} cast rounds), into {@code a[i .. i + LANES)}. */
    public static void store(DoubleVector v, float[] a, int i) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(a, i);
    }

    /** e^x lane-wise; see {@link ScalarMath#exp}. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector v = x.min(EXP_MAX).max(EXP_MIN);
        DoubleVector t = v.fma(V_LOG2E, V_SHIFT);
        DoubleVector r = reduced(v, t);
        return r.fma(expQuotient(r), ONE).mul(twoToThe(t));
    }

    /** e^x − 1 lane-wise; see {@link ScalarMath#expm1}. */
    public static DoubleVector expm1(DoubleVector x) {
        DoubleVector v = x.min(EXP_MAX).max(EXP_MIN);
        DoubleVector t = v.fma(V_LOG2E, V_SHIFT);
        DoubleVector r = reduced(v, t);
        DoubleVector scale = twoToThe(t);
        return scale.fma(r.mul(expQuotient(r)), scale.sub(ONE));
    }

    /** r = x − k·ln 2, k = t − SHIFT (Cody and Waite). */
    private static DoubleVector reduced(DoubleVector v, DoubleVector t) {
        DoubleVector k = t.sub(V_SHIFT);
        return k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, v));
    }

    /**
     * q(r) = (e^r − 1)/r by Horner, so that e^r = 1 + r·q(r). Written out (here and in erfcx) rather than a
     * loop over the coefficients: a loop would carry the vector around a loop, where C2 may box it, and would
     * load every coefficient from an array instead of from a constant vector.
     */
    private static DoubleVector expQuotient(DoubleVector r) {
        DoubleVector q = r.fma(C11, C10);
        q = q.fma(r, C9);
        q = q.fma(r, C8);
        q = q.fma(r, C7);
        q = q.fma(r, C6);
        q = q.fma(r, C5);
        q = q.fma(r, C4);
        q = q.fma(r, C3);
        q = q.fma(r, C2);
        return q.fma(r, ONE);
    }

    /** 2^k from the low bits of t = x·log2(e) + SHIFT, which hold k; k + 1023 goes into the exponent field. */
    private static DoubleVector twoToThe(DoubleVector t) {
        return (DoubleVector) ((LongVector) t.viewAsIntegralLanes()).add(BIAS).lanewise(LSHL, 52).viewAsFloatingLanes();
    }

    /** ln(1 + u) lane-wise, for u &gt; −1; see {@link ScalarMath#log1p}. */
    public static DoubleVector log1p(DoubleVector u) {
        DoubleVector w = u.add(ONE);
        LongVector bits = (LongVector) w.viewAsIntegralLanes();
        LongVector kBits = bits.sub(V_SQRT_HALF_BITS).lanewise(ASHR, 52);
        DoubleVector m = (DoubleVector) bits.sub(kBits.lanewise(LSHL, 52)).viewAsFloatingLanes();
        DoubleVector k = (DoubleVector) kBits.convert(VectorOperators.L2D, 0);
        DoubleVector below2 = u.sub(w.sub(ONE));
        DoubleVector above2 = ONE.sub(w.sub(u));
        DoubleVector c = above2.blend(below2, w.compare(LT, TWO)).div(w);
        DoubleVector f = m.sub(ONE);
        DoubleVector hfsq = f.mul(HALF).mul(f);
        DoubleVector s = f.div(f.add(TWO));
        DoubleVector z = s.mul(s);
        DoubleVector zz = z.mul(z);
        DoubleVector t1 = zz.mul(zz.fma(zz.fma(V_LG6, V_LG4), V_LG2));
        DoubleVector t2 = z.mul(zz.fma(zz.fma(zz.fma(V_LG7, V_LG5), V_LG3), V_LG1));
        DoubleVector r = t2.add(t1);
        DoubleVector tail = s.mul(hfsq.add(r)).add(k.fma(V_LN2_LO, c));
        return k.fma(V_LN2_HI, f.sub(hfsq.sub(tail)));
    }

    /** σ(x) = 1/(1 + e^−x) lane-wise; see {@link ScalarMath#sigmoid}. */
    public static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.lanewise(ABS).neg());
        DoubleVector r = ONE.div(e.add(ONE));
        DoubleVector negative = e.mul(r);
        return negative.blend(r, x.compare(GE, ZERO));
    }

    /** tanh(x) lane-wise; see {@link ScalarMath#tanh}. */
    public static DoubleVector tanh(DoubleVector x) {
        DoubleVector em = expm1(x.lanewise(ABS).mul(MINUS_TWO));
        DoubleVector t = em.neg().div(em.add(TWO));
        LongVector sign = ((LongVector) x.viewAsIntegralLanes()).lanewise(AND, V_SIGN);
        return (DoubleVector) ((LongVector) t.viewAsIntegralLanes()).lanewise(OR, sign).viewAsFloatingLanes();
    }

    /** erfcx(z) = e^{z²}·erfc(z) lane-wise, for z ≥ 0; see {@link ScalarMath#erfcx}. */
    public static DoubleVector erfcx(DoubleVector z) {
        DoubleVector u = EIGHT.div(z.add(FOUR)).sub(ONE);
        DoubleVector p = u.fma(ERFCX_19, ERFCX_18);
        p = p.fma(u, ERFCX_17);
        p = p.fma(u, ERFCX_16);
        p = p.fma(u, ERFCX_15);
        p = p.fma(u, ERFCX_14);
        p = p.fma(u, ERFCX_13);
        p = p.fma(u, ERFCX_12);
        p = p.fma(u, ERFCX_11);
        p = p.fma(u, ERFCX_10);
        p = p.fma(u, ERFCX_9);
        p = p.fma(u, ERFCX_8);
        p = p.fma(u, ERFCX_7);
        p = p.fma(u, ERFCX_6);
        p = p.fma(u, ERFCX_5);
        p = p.fma(u, ERFCX_4);
        p = p.fma(u, ERFCX_3);
        p = p.fma(u, ERFCX_2);
        p = p.fma(u, ERFCX_1);
        p = p.fma(u, ERFCX_0);
        return p;
    }

    /** {@code value} in every lane. */
    public static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }
}
