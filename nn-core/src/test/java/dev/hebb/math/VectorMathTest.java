package dev.hebb.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against its scalar twin {@link ScalarMath}: the same bits in every lane, on 10⁶
 * arguments per function (tolerance 0 ulps: the two run the same IEEE operations in the same order, which is
 * what lets a kernel finish an array's tail in scalar code, or run without the Vector API, and give the same
 * result). Surefire starts the JVM with {@code --add-modules jdk.incubator.vector} (root pom).
 */
class VectorMathTest {

    private static void assertBitwiseTwins(String name, UnaryOperator<DoubleVector> lanes, DoubleUnaryOperator scalar,
            double[] x) {
        double[] out = new double[VectorMath.LANES];
        for (int i = 0; i + VectorMath.LANES <= x.length; i += VectorMath.LANES) {
            lanes.apply(DoubleVector.fromArray(VectorMath.SPECIES, x, i)).intoArray(out, 0);
            for (int j = 0; j < out.length; j++) {
                double expected = scalar.applyAsDouble(x[i + j]);
                if (Double.doubleToRawLongBits(out[j]) != Double.doubleToRawLongBits(expected)) {
                    assertEquals(expected, out[j], 0, name + "(" + x[i + j] + "): lane and scalar differ");
                }
            }
        }
    }

    @Test
    void theVectorApiIsAvailableUnderTheBuildsFlags() {
        assertTrue(ScalarMath.vectorApiAvailable());
    }

    @Test
    void everyFunctionGivesBitwiseItsScalarTwin() {
        assertBitwiseTwins("exp", VectorMath::exp, ScalarMath::exp, ScalarMathTest.arguments(1, -750, 750));
        assertBitwiseTwins("expm1", VectorMath::expm1, ScalarMath::expm1, ScalarMathTest.arguments(2, -40, 40));
        assertBitwiseTwins("expm1", VectorMath::expm1, ScalarMath::expm1, ScalarMathTest.arguments(3, -1e-3, 1e-3));
        assertBitwiseTwins("log1p", VectorMath::log1p, ScalarMath::log1p, ScalarMathTest.arguments(4, -0.999, 4));
        assertBitwiseTwins("sigmoid", VectorMath::sigmoid, ScalarMath::sigmoid, ScalarMathTest.arguments(5, -800, 800));
        assertBitwiseTwins("tanh", VectorMath::tanh, ScalarMath::tanh, ScalarMathTest.arguments(6, -25, 25));
        assertBitwiseTwins("erfcx", VectorMath::erfcx, ScalarMath::erfcx, ScalarMathTest.arguments(7, 0, 40));
    }

    @Test
    void floatLoadAndStoreRoundTripExactly() {
        float[] a = new float[VectorMath.LANES * 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.scalb(1.0 + i / 7.0, i * 9 - 100) * (i % 2 == 0 ? 1 : -1);
        }
        float[] b = new float[a.length];
        for (int i = 0; i < VectorMath.loopBound(a.length); i += VectorMath.LANES) {
            DoubleVector v = VectorMath.load(a, i);
            for (int j = 0; j < VectorMath.LANES; j++) {
                assertEquals((double) a[i + j], v.lane(j), 0);
            }
            VectorMath.store(v.mul(1.0 / 3), b, i);
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals((float) (a[i] * (1.0 / 3)), b[i], 0, "store rounds as a (float) cast");
        }
    }
}
