package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackwardWithoutInputGradientTest {

    private static Sequential model(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Sequential(new int[] {5}, List.of(new Dense(5, 4, r), new Dense(4, 3, r)));
    }

    @Test
    void denseSkipsTheInputGradientButAddsTheSameParameterGradients() {
        Dense full = new Dense(6, 3, new SplittableRandom(1));
        Dense skipping = new Dense(6, 3, new SplittableRandom(1));
        Tensor x = Tensor.uniform(new SplittableRandom(2), -1, 1, 4, 6);
        Tensor dy = Tensor.uniform(new SplittableRandom(3), -1, 1, 4, 3);
        full.forward(x, true);
        skipping.forward(x, true);

        assertNotNull(full.backward(dy));
        assertNull(skipping.backward(dy, false));

        assertArrayEquals(full.weight().gradient().data(), skipping.weight().gradient().data());
        assertArrayEquals(full.bias().gradient().data(), skipping.bias().gradient().data());
    }

    @Test
    void sequentialTrainingBackwardGivesTheSameGradientsWithoutTheInputGradient() {
        Sequential full = model(7);
        Sequential skipping = model(7);
        Tensor x = Tensor.uniform(new SplittableRandom(8), -1, 1, 2, 5);
        Tensor dy = Tensor.uniform(new SplittableRandom(9), -1, 1, 2, 3);
        full.forward(x, true);
        skipping.forward(x, true);

        assertNotNull(full.backward(dy));
        assertNull(skipping.backward(dy, false));

        for (int i = 0; i < full.parameters().size(); i++) {
            assertArrayEquals(full.parameters().get(i).gradient().data(),
                    skipping.parameters().get(i).gradient().data(), "parameter " + i);
        }
    }

    @Test
    void sequentialAsksOnlyItsFirstLayerToSkip() {
        Layer first = mock(Layer.class);
        Layer second = mock(Layer.class);
        when(first.outputShape(any())).thenReturn(new int[] {2});
        when(second.outputShape(any())).thenReturn(new int[] {2});
        Tensor g = Tensor.zeros(1, 2);
        when(second.backward(eq(g), eq(true))).thenReturn(g);
        Sequential model = new Sequential(new int[] {2}, List.of(first, second));

        model.backward(g, false);

        verify(second).backward(g, true);
        verify(first).backward(g, false);
    }
}
