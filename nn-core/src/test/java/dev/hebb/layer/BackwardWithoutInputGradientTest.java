package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hebb.tensor.Tensor;
import dev.hebb.testplugin.TestSoftsign;
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

    /**
     * A model that starts with an activation (no parameters) fused into the dense layer after it: without the
     * input gradient, neither the activation's backward nor the dense layer's input gradient is needed, and
     * the parameter gradients stay bitwise the same.
     */
    @Test
    void aLeadingActivationWithoutParametersIsNotRunBackward() {
        TestSoftsign[] leading = new TestSoftsign[2];
        Sequential[] models = new Sequential[2];
        for (int m = 0; m < 2; m++) {
            SplittableRandom r = new SplittableRandom(11);
            leading[m] = new TestSoftsign(true);
            models[m] = new Sequential(new int[] {5}, List.of(new ActivationLayer(leading[m]), new Dense(5, 4, r),
                    new ActivationLayer(new TestSoftsign(true)), new Dense(4, 3, r)));
        }
        Tensor x = Tensor.uniform(new SplittableRandom(12), -1, 1, 3, 5);
        Tensor dy = Tensor.uniform(new SplittableRandom(13), -1, 1, 3, 3);
        models[0].forward(x, true);
        models[1].forward(x, true);

        Tensor dx = models[0].backward(dy, true);
        assertNotNull(dx);
        assertTrue(leading[0].rangeBackwards() > 0, "with the input gradient the leading activation runs backward");
        assertNull(models[1].backward(dy, false));
        assertEquals(0, leading[1].rangeBackwards() + leading[1].wholeArrayBackwards(),
                "the leading activation ran backward although its input gradient was not wanted");

        for (int i = 0; i < models[0].parameters().size(); i++) {
            assertArrayEquals(models[0].parameters().get(i).gradient().data(),
                    models[1].parameters().get(i).gradient().data(), "parameter " + i);
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
