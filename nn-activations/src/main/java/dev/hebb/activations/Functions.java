package dev.hebb.activations;

import dev.hebb.math.ScalarMath;

/**
 * The per-element formulas of the built-in activations, one element at a time, on {@link ScalarMath}. Each
 * is the exact scalar twin of the method of the same name in {@link Lanes} (same IEEE operations in the same
 * order), so an activation gives the same bits whether an element goes through the vector loop or through
 * the scalar tail, and while {@link VectorLoops#on} is false (always, without {@code jdk.incubator.vector}).
 */
final class Functions {

    /** √(2/π), the slope of the tanh approximation of GELU at 0. */
    static final double SQRT_2_OVER_PI = 0.7978845608028654;
    /** 1/√(2π), the peak of the standard normal density. */
    static final double INV_SQRT_2PI = 0.3989422804014327;
    /** 1/√2. */
    static final double INV_SQRT_2 = 0.7071067811865476;
    /** The cubic coefficient of GELU's tanh approximation. */
    static final double GELU_CUBIC = 0.044715;
    /** |x| up to which GELU's forward uses the polynomial {@link #PHI} instead of the tail formula. */
    static final double GELU_CENTRAL = 2.5;
    /**
     * (Φ(x) − 1/2)/x ≈ Σ PHI[i]·w^i, w = x², for |x| ≤ 2.5: interpolation at the 17 Chebyshev nodes of w on
     * [0, 6.25], computed with mpmath at 50 digits; Φ = 1/2 + x·P(x²) from it is within 2.2e-14 (relative) of
     * Φ on [−2.5, 2.5], the worst case being x = −2.5, where 1/2 + x·P cancels to Φ = 0.0062.
     */
    static final double[] PHI = {
        0.3989422804014327, -0.06649038006690543, 0.009973557010035466, -0.0011873282154783134,
        0.00011543468760927542, -9.444656246070919e-06, 6.659693343078066e-07, -4.122665858522777e-08,
        2.27351973823233e-09, -1.1300689260751755e-10, 5.110708834636803e-12, -2.117113350678955e-13,
        8.03929991771699e-15, -2.7544403535137695e-16, 8.059604193258834e-18, -1.763449113865842e-19,
        2.0898060314003562e-21,
    };
    /** Beyond this, 1 − tanh(softplus(x)) &lt; 1e-17 and mish(x) = x; e^x(e^x + 2) would soon overflow. */
    static final double MISH_LINEAR_ABOVE = 20;

    private Functions() {
    }

    /** silu'(x) = σ + x·σ(1 − σ), both terms from the same e^−|x|, without cancellation in 1 − σ. */
    static double siluDerivative(double v) {
        double e = ScalarMath.exp(-Math.abs(v));
        double r = 1 / (1 + e);
        double negative = e * r;
        double s = v >= 0 ? r : negative;
        return s + v * e * r * r;
    }

    /**
     * GELU (exact): x·Φ(x), with Φ = 1/2 + x·P(x²) for |x| ≤ 2.5 (no exponential, no erfc) and from the tail
     * formula beyond.
     */
    static double gelu(double v) {
        if (!(Math.abs(v) > GELU_CENTRAL)) {
            return geluCentral(v);
        }
        double g = gaussian(v);
        return v * cdf(v, g);
    }

    /** x·(1/2 + x·P(x²)), for |x| ≤ 2.5. */
    static double geluCentral(double v) {
        return v * centralCdf(v);
    }

    /** Φ(x) = 1/2 + x·P(x²), for |x| ≤ 2.5. */
    static double centralCdf(double v) {
        double w = v * v;
        double p = Math.fma(w, PHI[16], PHI[15]);
        for (int k = 14; k >= 0; k--) {
            p = Math.fma(p, w, PHI[k]);
        }
        return Math.fma(v, p, 0.5);
    }

    /** GELU' (exact): Φ(x) + x·φ(x), Φ as in {@link #gelu}. */
    static double geluDerivative(double v) {
        double g = gaussian(v);
        double cdf = !(Math.abs(v) > GELU_CENTRAL) ? centralCdf(v) : cdf(v, g);
        return cdf + v * INV_SQRT_2PI * g;
    }

    /** e^{−x²/2}, shared by Φ and φ. */
    private static double gaussian(double v) {
        return ScalarMath.exp(-0.5 * v * v);
    }

    /** Φ(x) = erfc(−x/√2)/2, from the tail erfc(|x|/√2)/2 = e^{−x²/2}·erfcx(|x|/√2)/2 on the small side. */
    private static double cdf(double v, double gaussian) {
        double tail = 0.5 * gaussian * ScalarMath.erfcx(Math.abs(v) * INV_SQRT_2);
        double upper = 1 - tail;
        return v < 0 ? tail : upper;
    }

    /** GELU (tanh form), x/2·(1 + tanh u) computed as the identical x·σ(2u), u = √(2/π)(x + 0.044715x³). */
    static double geluTanh(double v) {
        double u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
        return v * ScalarMath.sigmoid(2 * u);
    }

    /** d/dx of x·σ(2u): σ(2u) + x·2σ'(2u)·√(2/π)(1 + 3·0.044715x²). */
    static double geluTanhDerivative(double v) {
        double w = 2 * (SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
        double du = SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * v * v);
        double e = ScalarMath.exp(-Math.abs(w));
        double r = 1 / (1 + e);
        double negative = e * r;
        double s = w >= 0 ? r : negative;
        return s + v * (2 * (e * r * r)) * du;
    }

    /**
     * Mish below the linear threshold: with n = e^x(e^x + 2), tanh(ln(1 + e^x)) = n/(n + 2); one exponential,
     * no cancellation.
     */
    static double mish(double v) {
        double e = ScalarMath.exp(v);
        double n = e * (e + 2);
        return v * n / (n + 2);
    }

    /** Mish' below the linear threshold: n/(n + 2) + x·σ(x)·4(n + 1)/(n + 2)², with 1 − tanh² = 4(n + 1)/(n + 2)². */
    static double mishDerivative(double v) {
        double e = ScalarMath.exp(v);
        double n = e * (e + 2);
        double q = 1 / (n + 2);
        double sech2 = 4 * (n + 1) * q * q;
        return n * q + v * (e / (1 + e)) * sech2;
    }

    /** Softplus below the threshold, (max(βx, 0) + ln(1 + e^{−|βx|}))/β, which never overflows. */
    static double softplus(double bx, double beta) {
        return (Math.max(bx, 0) + ScalarMath.log1p(ScalarMath.exp(-Math.abs(bx)))) / beta;
    }

    /** The negative branch of the ELU family, s·α·(e^{c·x} − 1). */
    static double expLinear(double v, double negativeScale, double inputScale) {
        return negativeScale * ScalarMath.expm1(inputScale * v);
    }

    /** Softsign, x/(1 + |x|). */
    static double softsign(double v) {
        return v / (1 + Math.abs(v));
    }

    /** Softsign', 1/(1 + |x|)², times dy. */
    static double softsignBackward(double v, double dy) {
        double d = 1 + Math.abs(v);
        return dy / (d * d);
    }
}
