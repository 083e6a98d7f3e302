package dev.hebb.math;

import dev.hebb.tensor.VectorSupport;

/**
 * The elementary functions of element-wise kernels, one {@code double} at a time, computed by exactly the
 * same sequence of IEEE operations as their lane-wise twins in {@link VectorMath}: for every input, the two
 * give bitwise the same result. A kernel can therefore run its bulk through {@code VectorMath}, its tail (or
 * everything, on a JVM without {@code jdk.incubator.vector}) through this class, and produce the same bits
 * whatever the array length, the JVM flags or the CPU's vector width.
 *
 * <p>Accuracy (relative, in double): {@link #exp} within 1 ulp (range-reduced polynomial, truncation error
 * 1.7e-17), {@link #expm1} and {@link #log1p} within 2 ulps, {@link #sigmoid} within 3, {@link #tanh} within 4
 * (all measured against {@link StrictMath} on 10⁶ arguments by the tests); {@link #erfcx} within 5e-14 up to
 * z = 28 (beyond, where e^{−z²} has underflowed, 1e-9). Every
 * one is far below float32's half-ulp of 3e-8, so a float result rounded from these is the float32
 * rounding of the exact value except when the exact value lies within that error of a rounding boundary.
 *
 * <p>Unlike {@link Math#exp} (an intrinsic whose last bit may differ between JDK builds and CPUs) or
 * {@code VectorOperators.EXP} (a native vector library where present, else {@code Math.exp}), these are
 * plain Java arithmetic ({@code +}, {@code ×}, {@code ÷}, {@link Math#fma}, bit operations), which the Java
 * language specifies to the last bit: results are reproducible everywhere.
 *
 * <p>Nothing here overflows or returns NaN for a finite argument: {@link #exp} saturates its argument to
 * [−708, 709], so its result stays a finite normal number (e^−708 ≈ 3.3e-308 stands for every smaller
 * value, which float32 rounds to 0 anyway).
 */
public final class ScalarMath {

    /** The largest argument of {@link #exp}; e^709 ≈ 8.2e307 is finite. */
    static final double EXP_MAX = 709;
    /** The smallest argument of {@link #exp}; e^−708 ≈ 3.3e-308 is a normal number. */
    static final double EXP_MIN = -708;
    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2^52: adding it rounds to an integer held in the low mantissa bits. */
    static final double SHIFT = 0x1.8p52;
    /** ln 2 split as in fdlibm: {@code k·LN2_HI} is exact for |k| &lt; 2^20. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /**
     * e^r ≈ 1 + r + E2·r² + … + E11·r¹¹ on |r| ≤ ln2/2: interpolation at the 12 Chebyshev nodes, computed with
     * mpmath at 50 digits (the coefficients of r⁰ and r¹ round to 1); maximum relative error of the polynomial
     * with these double coefficients 1.7e-17.
     */
    static final double E2 = 0.5000000000000019;
    static final double E3 = 0.1666666666666668;
    static final double E4 = 0.0416666666664881;
    static final double E5 = 0.008333333333319601;
    static final double E6 = 0.0013888888952314775;
    static final double E7 = 0.00019841269890047113;
    static final double E8 = 2.4801485482328494e-05;
    static final double E9 = 2.755724091857897e-06;
    static final double E10 = 2.763263963904103e-07;
    static final double E11 = 2.5110037605963777e-08;

    /** log(m) = f − hfsq + s·(hfsq + R(s²)) on [√½, √2), R as in fdlibm's e_log.c (error &lt; 2^−58.45). */
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    /** The bits of √½: subtracting them from the bits of w puts the exponent of w·√2 in the top bits. */
    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    static final long EXPONENT_ONE = 0x3ff0000000000000L;
    static final long SIGN = 0x8000000000000000L;

    /**
     * erfcx(z) = e^{z²}·erfc(z) ≈ Σ ERFCX[i]·u^i, u = 8/(4 + z) − 1 ∈ (−1, 1] for z ≥ 0: interpolation at the
     * 20 Chebyshev nodes of u, computed with mpmath at 40 digits; the maximum relative error of the polynomial
     * evaluated in double by Horner's rule is 4.7e-14 on [0, 28] (erfc underflows to 0 beyond 26.6). erfcx is
     * analytic in u on (−1, 1]; at u = −1 (z = ∞) only an asymptotic series exists, so beyond z = 28 the
     * error grows, to 1e-9 at z = 10⁶, where it no longer matters: e^{−z²} has underflowed.
     */
    static final double[] ERFCX = {
        0.1369994576250641, 0.2590680487601739, 0.21871967891772043, 0.16425781669685163,
        0.10896317741691533, 0.06310781565489422, 0.031299056287106795, 0.012843945835897189,
        0.004060265140171813, 0.0007991280987804237, -2.1767445628071736e-05, -7.898805923562386e-05,
        -2.2542796722425235e-05, 1.9145555101159474e-06, 2.925388366115151e-06, 3.9223903709694205e-07,
        -2.669756648994699e-07, -8.145158652112241e-08, 1.6442673286908484e-08, 7.669679527637569e-09,
    };

    private ScalarMath() {
    }

    /**
     * Whether {@link VectorMath} can be used in this JVM: the {@code jdk.incubator.vector} module is in the
     * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and links. A kernel
     * tests this once, in a static final field, and otherwise runs its scalar loop; it must not touch
     * {@code VectorMath} (not even a constant of it) when this is false.
     */
    public static boolean vectorApiAvailable() {
        return VectorApi.AVAILABLE;
    }

    /**
     * Detected in a holder class, not in ScalarMath's own initialiser: VectorMath's initialiser reads ScalarMath,
     * so if ScalarMath's initialised VectorMath, two threads starting from the two classes would deadlock.
     */
    private static final class VectorApi {
        static final boolean AVAILABLE = detectVectorApi();
    }

    private static boolean detectVectorApi() {
        if (!VectorSupport.available()) {
            return false;
        }
        try {
            // Initialising the class builds its species: this fails cleanly if the module cannot link.
            Class.forName("dev.hebb.math.VectorMath", true, ScalarMath.class.getClassLoader());
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * e^x: x saturated to [−708, 709], k = round(x/ln 2), r = x − k·ln 2 (Cody and Waite), e^r = 1 + r·q(r) with
     * q a degree-10 polynomial (Horner, fused multiply-adds), scaled by 2^k through the exponent bits.
     * Within 1 ulp.
     */
    public static double exp(double x) {
        double v = Math.max(Math.min(x, EXP_MAX), EXP_MIN);
        double t = Math.fma(v, LOG2E, SHIFT);
        double r = reduced(v, t);
        return Math.fma(r, expQuotient(r), 1) * twoToThe(t);
    }

    /**
     * e^x − 1 without the cancellation of {@code exp(x) - 1} near 0: with the reduction of {@link #exp},
     * 2^k·(1 + r·q(r)) − 1 = 2^k·(r·q(r)) + (2^k − 1), one fused multiply-add whose addend 2^k − 1 is exact;
     * for |x| ≤ ln2/2 (k = 0) this is r·q(r) with r = x. Within 2 ulps; −1 below −708.
     */
    public static double expm1(double x) {
        double v = Math.max(Math.min(x, EXP_MAX), EXP_MIN);
        double t = Math.fma(v, LOG2E, SHIFT);
        double r = reduced(v, t);
        double scale = twoToThe(t);
        return Math.fma(scale, r * expQuotient(r), scale - 1);
    }

    /** r = x − k·ln 2 with k = t − SHIFT, in two steps (Cody and Waite) so that r keeps its low bits. */
    private static double reduced(double v, double t) {
        double k = t - SHIFT;
        return Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, v));
    }

    /** q(r) = (e^r − 1)/r by Horner, so that e^r = 1 + r·q(r). */
    private static double expQuotient(double r) {
        double q = Math.fma(r, E11, E10);
        q = Math.fma(q, r, E9);
        q = Math.fma(q, r, E8);
        q = Math.fma(q, r, E7);
        q = Math.fma(q, r, E6);
        q = Math.fma(q, r, E5);
        q = Math.fma(q, r, E4);
        q = Math.fma(q, r, E3);
        q = Math.fma(q, r, E2);
        return Math.fma(q, r, 1);
    }

    /** 2^k from the low bits of t = x·log2(e) + SHIFT, which hold k (two's complement), for k in [−1021, 1023]. */
    private static double twoToThe(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023) << 52);
    }

    /**
     * ln(1 + u) for u &gt; −1 (fdlibm's method): w = 1 + u = 2^k·m with m in [√½, √2), log m from
     * s = (m − 1)/(m + 1) by fdlibm's polynomial, plus k·ln 2 and the correction (1 + u − w)/w for the rounding
     * of w. Within 2 ulps. Defined for u &gt; −1 only (the activations call it with u in [0, 1]); at −1 and
     * below the result is NaN.
     */
    public static double log1p(double u) {
        double w = 1 + u;
        long bits = Double.doubleToRawLongBits(w);
        long kBits = (bits - SQRT_HALF_BITS) >> 52;
        double m = Double.longBitsToDouble(bits - (kBits << 52));
        double k = kBits;
        // 1 + u − w exactly: by Sterbenz, w − 1 is exact below 2 and w − u, then 1 − (w − u), above.
        double c = (w < 2 ? u - (w - 1) : 1 - (w - u)) / w;
        double f = m - 1;
        double hfsq = 0.5 * f * f;
        double s = f / (2 + f);
        double z = s * s;
        double zz = z * z;
        double t1 = zz * Math.fma(zz, Math.fma(zz, LG6, LG4), LG2);
        double t2 = z * Math.fma(zz, Math.fma(zz, Math.fma(zz, LG7, LG5), LG3), LG1);
        double r = t2 + t1;
        return Math.fma(k, LN2_HI, f - (hfsq - (s * (hfsq + r) + Math.fma(k, LN2_LO, c))));
    }

    /**
     * σ(x) = 1/(1 + e^−x), from e^−|x| so that nothing overflows: σ = 1/(1 + e) for x ≥ 0, e/(1 + e)
     * otherwise, which keeps full relative precision in the far negative tail.
     */
    public static double sigmoid(double x) {
        double e = exp(-Math.abs(x));
        double r = 1 / (1 + e);
        double negative = e * r;
        return x >= 0 ? r : negative;
    }

    /**
     * tanh(x) = −m/(2 + m) with m = e^{−2|x|} − 1 = {@link #expm1}(−2|x|): no overflow (tanh(±1000) = ±1) and no
     * cancellation near 0, where m ≈ −2|x| is accurate to its last bits. Within 4 ulps. The sign is copied
     * from x, so tanh(−0) = −0.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double m = expm1(-2 * a);
        double t = -m / (m + 2);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (Double.doubleToRawLongBits(x) & SIGN));
    }

    /**
     * The scaled complementary error function erfcx(z) = e^{z²}·erfc(z) for z ≥ 0 (1 at 0, ≈ 1/(z√π) for
     * large z), by a polynomial of degree 19 in 8/(4 + z) − 1 (Horner, fused multiply-adds); relative error
     * below 5e-14 for z ≤ 28, below 1e-9 beyond. With it, the normal distribution's tail Φ(−x) = e^{−x²/2}·erfcx(x/√2)/2 keeps its relative
     * precision where erfc underflows or 1 − erf cancels.
     */
    public static double erfcx(double z) {
        double u = 8 / (4 + z) - 1;
        double p = Math.fma(u, ERFCX[19], ERFCX[18]);
        for (int k = 17; k >= 0; k--) {
            p = Math.fma(p, u, ERFCX[k]);
        }
        return p;
    }
}
