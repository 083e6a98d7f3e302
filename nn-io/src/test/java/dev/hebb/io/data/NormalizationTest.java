package dev.hebb.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    /** Columns: 1,2,3,4 (mean 2.5, population std sqrt(1.25)); 10,10,10,10 (constant); -1,1,-1,1 (mean 0, std 1). */
    private static Tensor table() {
        return Tensor.of(new float[] {1, 10, -1, 2, 10, 1, 3, 10, -1, 4, 10, 1}, 4, 3);
    }

    @Test
    void standardUsesMeanAndPopulationStdAndLeavesConstantColumnsAtZero() {
        Normalization n = Normalization.fit("standard", table());
        assertArrayEquals(new double[] {2.5, 10, 0}, n.shift(), 0);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1, 1}, n.scale(), 1e-15, "exact up to sqrt rounding");
        Tensor x = table();
        n.apply(x);
        double s = Math.sqrt(1.25);
        // Expected values computed in double from the definition, then rounded to float like apply.
        assertArrayEquals(new float[] {(float) (-1.5 / s), 0, -1, (float) (-0.5 / s), 0, 1, (float) (0.5 / s), 0, -1,
                (float) (1.5 / s), 0, 1}, x.data(), 0f);
    }

    @Test
    void minmaxMapsTrainingRangeToUnitInterval() {
        Normalization n = Normalization.fit("minmax", table());
        assertArrayEquals(new double[] {1, 10, -1}, n.shift(), 0);
        assertArrayEquals(new double[] {3, 1, 2}, n.scale(), 0);
        Tensor other = Tensor.of(new float[] {7, 10, 0}, 1, 3);
        n.apply(other);
        assertArrayEquals(new float[] {2, 0, 0.5f}, other.data(), 0f, "new data uses the training statistics, not its own");
    }

    @Test
    void rejectsUnknownKindAndWrongWidth() {
        assertEquals("unknown normalization 'zscore'; known: standard, minmax",
                assertThrows(IllegalArgumentException.class, () -> Normalization.fit("zscore", table())).getMessage());
        Normalization n = Normalization.fit("minmax", table());
        assertEquals("normalization was fitted on 3 features but the data has 2",
                assertThrows(IllegalArgumentException.class, () -> n.apply(Tensor.zeros(1, 2))).getMessage());
    }

    @Test
    void rejectsFittingOnNoSamplesAndApplyingToAScalar() {
        // An empty table fitted 0 features (and "standard" divided by 0); a scalar made apply loop forever.
        assertEquals("a normalization is fitted on samples [n, ...] with n >= 1, got shape [0, 3]",
                assertThrows(IllegalArgumentException.class, () -> Normalization.fit("standard", Tensor.zeros(0, 3)))
                        .getMessage());
        assertEquals("a normalization is fitted on samples [n, ...] with n >= 1, got shape []",
                assertThrows(IllegalArgumentException.class, () -> Normalization.fit("minmax", Tensor.scalar(1)))
                        .getMessage());
        Normalization none = new Normalization("standard", new double[0], new double[0]);
        assertEquals("a normalization applies to samples [n, ...], got a scalar", assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> none.apply(Tensor.scalar(1)))).getMessage());
    }
}
