package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Clearing a gradient: the zeros are written when the gradient is next read, or overwritten by a backward pass. */
class ParameterTest {

    @Test
    void aClearedGradientReadsAsZeros() {
        Parameter p = new Parameter("weight", Tensor.zeros(2, 3));
        Arrays.fill(p.gradient().data(), 4f);
        p.zeroGradient();
        assertArrayEquals(new float[6], p.gradient().data());
    }

    @Test
    void onlyAClearedUnusedGradientMayBeOverwritten() {
        Parameter p = new Parameter("weight", Tensor.zeros(3));
        assertFalse(p.overwritesGradient(), "a new gradient holds zeros that were written");
        p.zeroGradient();
        assertTrue(p.overwritesGradient());
        assertFalse(p.overwritesGradient(), "the first pass has written it; a second one adds");
        p.zeroGradient();
        p.gradient();
        assertFalse(p.overwritesGradient(), "reading it wrote the zeros");
    }

    @Test
    void aDenseLayerOverwritingAClearedGradientGivesTheBitsOfAddingToZeros() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor x = Tensor.uniform(random, -1, 1, 19, 37);
        Tensor dy = Tensor.uniform(random, -1, 1, 19, 53);
        Dense written = new Dense(37, 53, new SplittableRandom(3));
        Dense overwritten = new Dense(37, 53, new SplittableRandom(3));
        for (Dense d : List.of(written, overwritten)) {
            for (Parameter p : d.parameters()) {
                Arrays.fill(p.gradient().data(), 9f); // stale values that must not survive
                p.zeroGradient();
            }
        }
        written.parameters().forEach(Parameter::gradient); // writes the zeros; backward then adds to them
        for (Dense d : List.of(written, overwritten)) {
            d.forward(x, true);
            d.backward(dy);
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(written.parameters().get(i).gradient().data(),
                    overwritten.parameters().get(i).gradient().data(), "bitwise: " + written.parameters().get(i));
        }
    }
}
