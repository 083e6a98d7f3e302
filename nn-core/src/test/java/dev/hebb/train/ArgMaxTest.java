package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The predicted class of a row of scores; indices are exact, so every check is an equality. */
class ArgMaxTest {

    private static final float NAN = Float.NaN;

    @Test
    void theLargestScoreWinsAndTiesGoToTheFirst() {
        assertEquals(1, ArgMax.of(new float[] {0, 3, 1}, 0, 3));
        assertEquals(0, ArgMax.of(new float[] {2, 2, 1}, 0, 3));
        assertEquals(2, ArgMax.of(new float[] {9, 9, 0, 1, 5}, 2, 3), "counted from the row's start");
    }

    @Test
    void aRowHoldingNaNPredictsNoClassWhereverTheNaNIs() {
        // Before, NaN lost every comparison: an all-NaN row predicted class 0, {NaN, 1} predicted 1.
        assertEquals(ArgMax.NO_CLASS, ArgMax.of(new float[] {NAN, NAN, NAN}, 0, 3));
        assertEquals(ArgMax.NO_CLASS, ArgMax.of(new float[] {NAN, 1}, 0, 2));
        assertEquals(ArgMax.NO_CLASS, ArgMax.of(new float[] {5, 1, NAN}, 0, 3));
    }

    @Test
    void infinitiesAreOrdinaryScores() {
        assertEquals(1, ArgMax.of(new float[] {0, Float.POSITIVE_INFINITY}, 0, 2));
        assertEquals(1, ArgMax.of(new float[] {Float.NEGATIVE_INFINITY, 0}, 0, 2));
    }

    @Test
    void aNaNRowOfClassProbabilitiesHasNoTrueClass() {
        assertEquals(ArgMax.NO_CLASS, ArgMax.targetClass(Tensor.of(new float[] {0.5f, NAN}, 1, 2), 0, 2));
        assertEquals(1, ArgMax.targetClass(Tensor.of(new float[] {0, 1}, 2), 1, 2));
    }
}
