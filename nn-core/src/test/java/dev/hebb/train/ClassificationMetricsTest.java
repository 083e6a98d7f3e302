package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Exact values for a hand-counted example. Labels 0,0,1,1,2,2 predicted as 0,1,1,1,0,2 give the
 * confusion matrix [[1,1,0],[0,2,0],[1,0,1]]; precision = TP/column sum, recall = TP/row sum. The
 * arithmetic is in double on small integers, so the tolerance is 1e-12.
 */
class ClassificationMetricsTest {

    private static final double EXACT = 1e-12;

    /** One-hot-ish scores whose arg-max is {@code predicted}. */
    private static Tensor scores(int classes, int... predicted) {
        Tensor t = Tensor.zeros(predicted.length, classes);
        for (int r = 0; r < predicted.length; r++) {
            t.set(2f, r, predicted[r]);
            t.set(-1f, r, (predicted[r] + 1) % classes);
        }
        return t;
    }

    private static final ClassificationMetrics EXAMPLE = ClassificationMetrics.of(scores(3, 0, 1, 1, 1, 0, 2),
            Tensor.of(new float[] {0, 0, 1, 1, 2, 2}, 6));

    @Test
    void confusionMatrixCountsTrueClassByPredictedClass() {
        long[][] m = EXAMPLE.confusionMatrix();
        assertArrayEquals(new long[] {1, 1, 0}, m[0]);
        assertArrayEquals(new long[] {0, 2, 0}, m[1]);
        assertArrayEquals(new long[] {1, 0, 1}, m[2]);
        assertEquals(6, EXAMPLE.samples());
    }

    @Test
    void accuracyPrecisionRecallAndF1MatchTheHandCount() {
        assertEquals(4.0 / 6, EXAMPLE.accuracy(), EXACT);
        assertEquals(0.5, EXAMPLE.precision(0), EXACT);
        assertEquals(2.0 / 3, EXAMPLE.precision(1), EXACT);
        assertEquals(1.0, EXAMPLE.precision(2), EXACT);
        assertEquals(0.5, EXAMPLE.recall(0), EXACT);
        assertEquals(1.0, EXAMPLE.recall(1), EXACT);
        assertEquals(0.5, EXAMPLE.recall(2), EXACT);
        assertEquals(0.5, EXAMPLE.f1(0), EXACT);
        assertEquals(0.8, EXAMPLE.f1(1), EXACT);
        assertEquals(2.0 / 3, EXAMPLE.f1(2), EXACT);
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, EXAMPLE.macroF1(), EXACT);
        assertEquals(2, EXAMPLE.support(1));
    }

    @Test
    void weightedF1WeightsBySupport() {
        // labels 0,0,0,1 all predicted 0: F1(0) = 2·0.75·1/1.75, F1(1) = 0 (never predicted: zero division gives 0).
        ClassificationMetrics m = ClassificationMetrics.of(scores(2, 0, 0, 0, 0), Tensor.of(new float[] {0, 0, 0, 1}, 4));
        double f0 = 2 * 0.75 / 1.75;
        assertEquals(0.0, m.precision(1), EXACT);
        assertEquals(0.0, m.f1(1), EXACT);
        assertEquals(f0 * 3 / 4, m.weightedF1(), EXACT);
        assertEquals(f0 / 2, m.macroF1(), EXACT);
    }

    @Test
    void tiesGoToTheFirstClassAsInTraining() {
        ClassificationMetrics m = ClassificationMetrics.of(Tensor.of(new float[] {1, 1, 1}, 1, 3), Tensor.of(new float[] {0}, 1));
        assertEquals(1.0, m.accuracy(), EXACT);
    }

    @Test
    void classProbabilityTargetsCountAtTheirArgMax() {
        // The EXAMPLE's labels 0,0,1,1,2,2 as probability rows (cross_entropy's other target form): same matrix.
        Tensor probabilities = Tensor.of(new float[] {
            0.8f, 0.1f, 0.1f, 0.5f, 0.4f, 0.1f, 0, 1, 0, 0.2f, 0.6f, 0.2f, 0.1f, 0.2f, 0.7f, 0, 0, 1}, 6, 3);
        ClassificationMetrics m = ClassificationMetrics.of(scores(3, 0, 1, 1, 1, 0, 2), probabilities);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(EXAMPLE.confusionMatrix()[c], m.confusionMatrix()[c]);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(scores(3, 0, 1), Tensor.zeros(2, 4))).getMessage().contains("[2, 4]"));
    }

    @Test
    void aLabelOutsideTheClassesIsRejectedWithItsPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(scores(3, 0, 1), Tensor.of(new float[] {0, 3}, 2)));
        assertEquals("label 3.0 of sample 1 is not a class id in [0, 3)", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(scores(3, 0, 1), Tensor.of(new float[] {0}, 1))).getMessage().contains("[2, 3]"));
        assertEquals("classification metrics need scores of at least one class, got [2, 0]", assertThrows(
                IllegalArgumentException.class, () -> ClassificationMetrics.of(Tensor.zeros(2, 0), Tensor.zeros(2, 0)))
                .getMessage());
    }

    @Test
    void aClassOutsideTheRangeIsNamed() {
        ClassificationMetrics m = ClassificationMetrics.of(scores(3, 0, 1), Tensor.of(new float[] {0, 1}, 2));
        for (int c : new int[] {3, -1}) {
            String expected = "class " + c + " is out of range for 3 classes (0 to 2)";
            assertEquals(expected, assertThrows(IndexOutOfBoundsException.class, () -> m.precision(c)).getMessage());
            assertEquals(expected, assertThrows(IndexOutOfBoundsException.class, () -> m.recall(c)).getMessage());
            assertEquals(expected, assertThrows(IndexOutOfBoundsException.class, () -> m.f1(c)).getMessage());
            assertEquals(expected, assertThrows(IndexOutOfBoundsException.class, () -> m.support(c)).getMessage());
        }
    }

    @Test
    void allNaNScoresPredictNothingSoNothingIsRight() {
        // The reviewer's case: counted as class 0 these gave accuracy 0.5 and macro-F1 0.22.
        Tensor nan = Tensor.zeros(4, 3);
        java.util.Arrays.fill(nan.data(), Float.NaN);
        ClassificationMetrics m = ClassificationMetrics.of(nan, Tensor.of(new float[] {0, 0, 1, 2}, 4));
        assertEquals(0.0, m.accuracy(), EXACT);
        assertEquals(0.0, m.macroF1(), EXACT);
        assertEquals(0.0, m.weightedF1(), EXACT);
        assertEquals(4, m.samples());
        assertEquals(4, m.unpredicted());
        assertEquals(2, m.unpredicted(0));
        assertEquals(2, m.support(0), "an unpredicted sample still belongs to its true class");
        for (long[] row : m.confusionMatrix()) {
            assertArrayEquals(new long[] {0, 0, 0}, row);
        }
    }

    @Test
    void aNaNRowCountsAsWrongAndLowersOnlyItsClassRecall() {
        // Labels 0,0,1 predicted 0, NaN, 1: accuracy 2/3; recall(0) = 1/2; precision(0) = 1/1 (NaN predicted no 0).
        Tensor s = scores(2, 0, 0, 1);
        s.set(Float.NaN, 1, 1);
        ClassificationMetrics m = ClassificationMetrics.of(s, Tensor.of(new float[] {0, 0, 1}, 3));
        assertEquals(2.0 / 3, m.accuracy(), EXACT);
        assertEquals(0.5, m.recall(0), EXACT);
        assertEquals(1.0, m.precision(0), EXACT);
        assertEquals(1.0, m.recall(1), EXACT);
        assertArrayEquals(new long[] {1, 0}, m.confusionMatrix()[0]);
        assertEquals(1, m.unpredicted(0));
        assertEquals(0, m.unpredicted(1));
    }

    @Test
    void aNaNRowOfTrueClassProbabilitiesIsRefusedWithItsSample() {
        Tensor truth = Tensor.of(new float[] {1, 0, Float.NaN, 0.5f}, 2, 2);
        assertEquals("the class probabilities of sample 1 hold NaN, so its true class is unknown", assertThrows(
                IllegalArgumentException.class, () -> ClassificationMetrics.of(scores(2, 0, 1), truth)).getMessage());
    }
}
