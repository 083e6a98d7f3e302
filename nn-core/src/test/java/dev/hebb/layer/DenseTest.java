package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Dense against a hand-computed table: W = [[1, 2], [3, 4]], b = [0.5, −0.5], x = [1, 1], dy = [1, 2]. */
class DenseTest {

    private static Dense layer() {
        Dense d = new Dense(2, 2, new SplittableRandom(0));
        d.weight().value().copyFrom(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        d.bias().value().copyFrom(Tensor.of(new float[] {0.5f, -0.5f}, 2));
        return d;
    }

    @Test
    void forwardIsXTimesWTransposedPlusBias() {
        // y = [1·1 + 1·2 + 0.5, 1·3 + 1·4 − 0.5] = [3.5, 6.5]
        assertArrayEquals(new float[] {3.5f, 6.5f}, layer().forward(Tensor.of(new float[] {1, 1}, 1, 2), true).data());
    }

    @Test
    void backwardGivesDyTransposedXAndColumnSumsAndDyW() {
        Dense d = layer();
        d.forward(Tensor.of(new float[] {1, 1}, 1, 2), true);
        Tensor dx = d.backward(Tensor.of(new float[] {1, 2}, 1, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2}, d.weight().gradient().data()); // dyᵀ·x
        assertArrayEquals(new float[] {1, 2}, d.bias().gradient().data());         // Σ_batch dy
        assertArrayEquals(new float[] {7, 10}, dx.data());                          // dy·W = [1+6, 2+8]
    }

    @Test
    void backwardAccumulatesParameterGradientsAcrossCalls() {
        Dense d = layer();
        d.forward(Tensor.of(new float[] {1, 1}, 1, 2), true);
        d.backward(Tensor.of(new float[] {1, 2}, 1, 2));
        d.backward(Tensor.of(new float[] {1, 2}, 1, 2));
        assertArrayEquals(new float[] {2, 2, 4, 4}, d.weight().gradient().data());
    }

    @Test
    void layoutAndNamesFollowNnLinear() {
        Dense d = new Dense(3, 5, new SplittableRandom(0));
        assertArrayEquals(new int[] {5, 3}, d.weight().value().shape());
        assertEquals(List.of("weight", "bias"), d.parameters().stream().map(Parameter::name).toList());
        Sequential s = new Sequential(new int[] {3}, List.of(d, new Dense(5, 1, new SplittableRandom(1))));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(s.namedParameters().keySet()));
        assertEquals(3 * 5 + 5 + 5 + 1, s.parameterCount());
    }

    @Test
    void rejectsInputsOfTheWrongShape() {
        Dense d = layer();
        assertEquals("dense layer expects input [batch, 2] but got [1, 3]", assertThrows(IllegalArgumentException.class,
                () -> d.forward(Tensor.zeros(1, 3), true)).getMessage());
        assertEquals("dense layer expects input [batch, 2] but got [2, 1, 2]",
                assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.zeros(2, 1, 2), true)).getMessage());
        d.forward(Tensor.zeros(3, 2), true);
        assertEquals("dense layer expects an output gradient [3, 2] but got [2, 2]",
                assertThrows(IllegalArgumentException.class, () -> d.backward(Tensor.zeros(2, 2))).getMessage());
        assertEquals("dense layer: backward called before forward", assertThrows(IllegalStateException.class,
                () -> layer().backward(Tensor.zeros(1, 2))).getMessage());
    }

    @Test
    void keepsOutputBuffersForRecentBatchSizesOnly() {
        // A server predicting batches of ever new sizes must not keep one output buffer per size it has seen.
        Dense d = layer();
        Tensor first = d.forward(Tensor.zeros(1, 2), false);
        Tensor full = d.forward(Tensor.zeros(128, 2), false);
        assertSame(full, d.forward(Tensor.zeros(128, 2), false), "a repeated batch size reuses its buffer");
        for (int rows = 2; rows < 2 + BufferCache.DEFAULT_CAPACITY; rows++) {
            d.forward(Tensor.zeros(rows, 2), false);
        }
        assertNotSame(first, d.forward(Tensor.zeros(1, 2), false), "the batch size used longest ago was dropped");
    }
}
