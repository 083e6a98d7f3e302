package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Exact values computed by hand: predictions 1,2,3,4 for targets 1,3,2,5 have errors 0,−1,1,−1, so
 * MSE = MAE = 3/4; the targets' mean is 2.75 and their squared spread 8.75, so R² = 1 − 3/8.75.
 * Small integers in double: tolerance 1e-12.
 */
class RegressionMetricsTest {

    private static final double EXACT = 1e-12;

    @Test
    void oneOutputColumn() {
        RegressionMetrics m = RegressionMetrics.of(Tensor.of(new float[] {1, 2, 3, 4}, 4), Tensor.of(new float[] {1, 3, 2, 5}, 4));
        assertEquals(1, m.outputs());
        assertEquals(0.75, m.mse(), EXACT);
        assertEquals(0.75, m.mae(), EXACT);
        assertEquals(1 - 3 / 8.75, m.r2(), EXACT);
    }

    @Test
    void severalColumnsArePerColumnAndAveraged() {
        // Column 0 is the example above; column 1 is predicted exactly (R² 1, errors 0).
        Tensor y = Tensor.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2);
        Tensor t = Tensor.of(new float[] {1, 10, 3, 20, 2, 30, 5, 40}, 4, 2);
        RegressionMetrics m = RegressionMetrics.of(y, t);
        assertEquals(0.75, m.mse(0), EXACT);
        assertEquals(0.0, m.mse(1), EXACT);
        assertEquals(0.375, m.mse(), EXACT);
        assertEquals(0.375, m.mae(), EXACT);
        assertEquals(1.0, m.r2(1), EXACT);
        assertEquals((1 - 3 / 8.75 + 1) / 2, m.r2(), EXACT);
    }

    @Test
    void aConstantTargetColumnGivesOneOnlyWhenPredictedExactly() {
        assertEquals(1.0, RegressionMetrics.of(Tensor.of(new float[] {2, 2}, 2), Tensor.of(new float[] {2, 2}, 2)).r2(), EXACT);
        assertEquals(0.0, RegressionMetrics.of(Tensor.of(new float[] {2, 3}, 2), Tensor.of(new float[] {2, 2}, 2)).r2(), EXACT);
    }

    @Test
    void shapesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.of(Tensor.zeros(3, 2), Tensor.zeros(3, 1)));
        assertEquals("regression metrics need predictions and targets of one shape [n] or [n, outputs], got [3, 2] and [3, 1]",
                e.getMessage());
        assertEquals("regression metrics need at least one output column, got [3, 0]", assertThrows(
                IllegalArgumentException.class, () -> RegressionMetrics.of(Tensor.zeros(3, 0), Tensor.zeros(3, 0)))
                .getMessage());
    }

    @Test
    void anOutputColumnOutsideTheRangeIsNamed() {
        RegressionMetrics m = RegressionMetrics.of(Tensor.zeros(3, 2), Tensor.zeros(3, 2));
        assertEquals("output column 2 is out of range for 2 output columns (0 to 1)",
                assertThrows(IndexOutOfBoundsException.class, () -> m.mse(2)).getMessage());
        assertEquals("output column -1 is out of range for 2 output columns (0 to 1)",
                assertThrows(IndexOutOfBoundsException.class, () -> m.r2(-1)).getMessage());
    }
}
