package dev.hebb.activations;

/**
 * Scalar building blocks in double precision, written so that the JIT inlines them into the array loops.
 * Each is accurate to far better than float32 rounding over the whole double range, without overflow.
 */
final class Functions {

    /** √(2/π), the slope of the tanh approximation of GELU at 0. */
    static final double SQRT_2_OVER_PI = 0.7978845608028654;
    /** 1/√(2π), the peak of the standard normal density. */
    static final double INV_SQRT_2PI = 0.3989422804014327;
    /** 1/√2. */
    static final double INV_SQRT_2 = 0.7071067811865476;

    /**
     * Chebyshev coefficients of erfcx(z) = e^{z²}·erfc(z) in u = 2t − 1, t = 4/(4 + z), for z ≥ 0. Computed
     * with mpmath at 40 digits by interpolation at 18 Chebyshev nodes; the maximum relative error of the
     * truncated series evaluated in double is 3.6e-12 on [0, 28] (erfc underflows to 0 beyond 26.6), far
     * below float32's 6e-8. erfcx is analytic in t on [0, 1], so the series converges geometrically.
     */
    private static final double[] ERFCX = {
        0.2981017936936576, 0.42908644125580536, 0.18027256568771055, 0.06523752449734899,
        0.020367256576744864, 0.005449087066459008, 0.0012278515372606755, 0.0002246979421877305,
        3.068543113098952e-05, 2.317823499946801e-06, -1.462835648473388e-07, -6.927830518612068e-08,
        -6.883110761790296e-09, 6.858488780157937e-10, 2.4593729261082004e-10, 7.815934170047597e-12,
        -5.8867915691829455e-12, -7.151555533595975e-13,
    };

    private Functions() {
    }

    /** σ(x) = 1/(1 + e^−x) from e^−|x|, which never overflows: no NaN at ±∞ and full relative accuracy at −1000. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        // Both sides computed before the choice: a select (cmov), not a branch mispredicted on random signs.
        return x >= 0 ? r : e * r;
    }

    /** σ'(x) = σ(x)(1 − σ(x)) = e^−|x| / (1 + e^−|x|)², without the cancellation of 1 − σ near 1. */
    static double sigmoidDerivative(double x) {
        double e = Math.exp(-Math.abs(x));
        double d = 1 + e;
        return e / (d * d);
    }

    /**
     * e^x − 1 without the cancellation of {@code exp(x) - 1} near 0: a Taylor polynomial for |x| &lt; 1e-3
     * (truncation error x⁵/120, relative ≤ 1e-14), otherwise exp(x) − 1 (relative error ≤ 1.1e-16/|x| ≤ 1.1e-13).
     * Cheaper than {@link Math#expm1}, which on JDK 17 is a native call, not an intrinsic.
     */
    static double expm1(double x) {
        if (Math.abs(x) < 1e-3) {
            return x * (1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24))));
        }
        return Math.exp(x) - 1;
    }

    /**
     * ln(1 + u) for u ≥ 0, accurate to a few ulps (Goldberg's trick: the rounding of 1 + u is divided out).
     * Cheaper than {@link Math#log1p}, a native call on JDK 17.
     */
    static double log1p(double u) {
        double w = 1 + u;
        return w == 1 ? u : Math.log(w) * u / (w - 1);
    }

    /**
     * erfcx(z) = e^{z²}·erfc(z) for z ≥ 0 (1 at 0, ~1/(z√π) for large z), by the Chebyshev series above
     * evaluated with Clenshaw's recurrence.
     */
    static double erfcx(double z) {
        double u = 2 * (4 / (4 + z)) - 1;
        double b1 = 0;
        double b2 = 0;
        for (int k = ERFCX.length - 1; k >= 1; k--) {
            double b0 = 2 * u * b1 - b2 + ERFCX[k];
            b2 = b1;
            b1 = b0;
        }
        return u * b1 - b2 + ERFCX[0];
    }

    /** tanh(x) from one e^{−2|x|}: (1 − e)/(1 + e), with a Taylor polynomial below |x| = 0.01 against cancellation. */
    static double tanh(double x) {
        double a = Math.abs(x);
        double t;
        if (a < 0.01) {
            // x − x³/3 + 2x⁵/15 − 17x⁷/315: truncation error below 2e-18 relative for |x| < 0.01.
            double a2 = a * a;
            t = a * (1 - a2 * (1.0 / 3 - a2 * (2.0 / 15 - a2 * (17.0 / 315))));
        } else {
            // Relative error ≤ 1.1e-16 / (2|x|) ≤ 6e-15 from the rounding of e near 1.
            double e = Math.exp(-2 * a);
            t = (1 - e) / (1 + e);
        }
        return Math.copySign(t, x);
    }
}
