package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.gradcheck.PluginContract;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DropoutTest {

    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = Plugins.registry();
    }

    /** Inputs with no zeros, so that a zero in the output can only be a dropped element. */
    private static Tensor input(int rows, int columns, long seed) {
        Tensor x = Tensor.uniform(new SplittableRandom(seed), 0.5f, 2f, rows, columns);
        float[] d = x.data();
        for (int i = 0; i < d.length; i += 2) {
            d[i] = -d[i];
        }
        return x;
    }

    private static int[] bits(Tensor t) {
        return bits(t.data());
    }

    private static int[] bits(float[] values) {
        int[] b = new int[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(values[i]);
        }
        return b;
    }

    /** Which elements of a training pass's output are dropped (zero, for inputs without zeros). */
    private static boolean[] mask(Tensor output) {
        boolean[] m = new boolean[output.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = output.data()[i] == 0f;
        }
        return m;
    }

    private static void step(Dropout layer, Tensor x) {
        Tensor y = layer.forward(x, true);
        layer.backward(Tensor.full(1f, y.shape()));
    }

    @Test
    void pZeroIsTheIdentityInTraining() {
        Dropout layer = new Dropout(0, 1);
        Tensor x = input(8, 16, 1);
        assertArrayEquals(bits(x), bits(layer.forward(x, true)));
        Tensor g = input(8, 16, 2);
        assertArrayEquals(bits(g), bits(layer.backward(g)));
    }

    @Test
    void anInferencePassIsTheIdentityAndLeavesTheCounter() {
        Dropout layer = new Dropout(0.5, 1);
        step(layer, input(4, 8, 3));
        Tensor x = input(8, 16, 1);
        Tensor y = layer.forward(x, false);
        assertArrayEquals(bits(x), bits(y));
        layer.backward(Tensor.full(1f, y.shape()));
        assertEquals(1, layer.passCounter(), "only the training step counted");
    }

    @Test
    void everyTrainingOutputIsZeroOrTheInputTimesTheFloat32Scale() {
        Dropout layer = new Dropout(0.3, 5);
        Tensor x = input(16, 32, 4);
        Tensor y = layer.forward(x, true);
        float scale = (float) (1 / (1 - 0.3));
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            float v = y.data()[i];
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(Float.floatToRawIntBits(x.data()[i] * scale), Float.floatToRawIntBits(v), "element " + i);
            }
            assertEquals(layer.drops(0, i), v == 0f, "element " + i + " against the mask of pass 0");
        }
        assertTrue(dropped > 0 && dropped < x.size(), dropped + " of " + x.size() + " dropped");
    }

    @Test
    void aDroppedElementIsPositiveZeroEvenForAnInfiniteOrNaNInput() {
        Dropout layer = new Dropout(0.5, 23);
        float[] special = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f};
        Tensor x = Tensor.zeros(4, 16);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = special[i % special.length];
        }
        Tensor y = layer.forward(x, true);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            if (layer.drops(0, i)) {
                dropped++;
                assertEquals(0, Float.floatToRawIntBits(y.data()[i]), "element " + i + " of input " + x.data()[i]);
            } else {
                assertEquals(Float.floatToRawIntBits(x.data()[i] * 2f), Float.floatToRawIntBits(y.data()[i]));
            }
        }
        assertTrue(dropped > 0 && dropped < x.size(), dropped + " of " + x.size() + " dropped");
    }

    @Test
    void backwardIsTheMaskTimesTheScaleTimesTheOutputGradientExactly() {
        Dropout layer = new Dropout(0.4, 6);
        Tensor x = input(8, 16, 5);
        Tensor y = layer.forward(x, true).copy();
        Tensor g = input(8, 16, 6);
        Tensor dx = layer.backward(g);
        float scale = (float) (1 / (1 - 0.4));
        for (int i = 0; i < g.size(); i++) {
            float expected = y.data()[i] == 0f ? 0f : g.data()[i] * scale;
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(dx.data()[i]), "element " + i);
        }
    }

    @Test
    void theSameSeedAndCounterGiveTheSameMask() {
        Tensor x = input(8, 16, 7);
        Dropout a = new Dropout(0.5, 11);
        Dropout b = new Dropout(0.5, 11);
        step(a, x);
        step(a, x);
        b.buffers().get("counter").copyFrom(a.buffers().get("counter"));
        assertArrayEquals(bits(a.forward(x, true)), bits(b.forward(x, true)), "counter 2 of seed 11 in both");
        Dropout other = new Dropout(0.5, 12);
        other.buffers().get("counter").copyFrom(a.buffers().get("counter"));
        assertFalse(Arrays.equals(mask(a.forward(x, true)), mask(other.forward(x, true))), "another seed");
    }

    @Test
    void aTrainingPassAfterABackwardPassDrawsANewMask() {
        Dropout layer = new Dropout(0.5, 13);
        Tensor x = input(8, 16, 8);
        boolean[] first = mask(layer.forward(x, true));
        layer.backward(Tensor.full(1f, 8, 16));
        assertEquals(1, layer.passCounter());
        assertFalse(Arrays.equals(first, mask(layer.forward(x, true))));
    }

    @Test
    void trainingPassesWithoutABackwardPassInBetweenReuseTheMask() {
        Dropout layer = new Dropout(0.5, 13);
        Tensor x = input(8, 16, 8);
        int[] first = bits(layer.forward(x, true));
        assertArrayEquals(first, bits(layer.forward(x, true)));
        assertEquals(0, layer.passCounter());
    }

    @Test
    void aSecondBackwardOfOnePassUsesItsMaskAndAdvancesTheCounterOnce() {
        Dropout layer = new Dropout(0.5, 14);
        Tensor y = layer.forward(input(8, 16, 9), true).copy();
        Tensor g = Tensor.full(1f, 8, 16);
        int[] first = bits(layer.backward(g));
        assertArrayEquals(first, bits(layer.backward(g)));
        assertEquals(1, layer.passCounter());
        for (int i = 0; i < y.size(); i++) {
            assertEquals(y.data()[i] == 0f, Float.intBitsToFloat(first[i]) == 0f, "element " + i);
        }
    }

    @Test
    void backwardWithoutAnInputGradientAdvancesTheCounterAndReturnsNull() {
        Dropout layer = new Dropout(0.5, 15);
        layer.forward(input(2, 4, 1), true);
        assertNull(layer.backward(Tensor.full(1f, 2, 4), false));
        assertEquals(1, layer.passCounter());
    }

    /**
     * Over 10 passes of 10 000 elements the fraction of zeros is within 5 standard deviations, 5·√(p(1−p)/n), of p:
     * a correct mask fails that with probability below 1e-6, and a mask off by 1% of p fails it.
     */
    @Test
    void theFractionOfDroppedElementsIsPWithinFiveStandardDeviations() {
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            Dropout layer = new Dropout(p, 17);
            Tensor x = Tensor.full(1f, 100, 100);
            long dropped = 0;
            int passes = 10;
            for (int pass = 0; pass < passes; pass++) {
                Tensor y = layer.forward(x, true);
                for (float v : y.data()) {
                    dropped += v == 0f ? 1 : 0;
                }
                layer.backward(y);
            }
            double n = passes * 10_000.0;
            double tolerance = 5 * Math.sqrt(p * (1 - p) / n);
            assertEquals(p, dropped / n, tolerance, "fraction of zeros at p = " + p);
        }
    }

    @Test
    void theCounterIsStoredAsTwoExactTwentyBitHalves() {
        Dropout layer = new Dropout(0.5, 18);
        float[] counter = layer.buffers().get("counter").data();
        counter[0] = (1 << 20) - 1;
        counter[1] = 5;
        assertEquals(5L * (1 << 20) + (1 << 20) - 1, layer.passCounter());
        step(layer, input(1, 4, 1));
        assertArrayEquals(new float[] {0, 6}, counter, 0f, "the carry goes into the high half");
    }

    @Test
    void theLastCountablePassIsRefusedToAdvanceRatherThanRepeatMasks() {
        Dropout layer = new Dropout(0.5, 19);
        float[] counter = layer.buffers().get("counter").data();
        counter[0] = (1 << 20) - 1;
        counter[1] = (1 << 20) - 1;
        layer.forward(input(1, 4, 1), true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.backward(Tensor.full(1f, 1, 4)));
        assertEquals("dropout: the pass counter reached 2^40 = 1099511627776, the most its float32 buffer 'counter'"
                + " holds exactly; masks would repeat", e.getMessage());
    }

    @Test
    void aCounterBufferThatIsNotTwoTwentyBitWholeNumbersIsRefused() {
        Dropout layer = new Dropout(0.5, 20);
        layer.buffers().get("counter").data()[0] = 0.5f;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.forward(input(1, 4, 1), true));
        assertEquals("dropout: buffer 'counter' must hold two whole numbers in [0, 2^20) (the pass counter's low and"
                + " high 20 bits), but holds [0.5, 0.0]", e.getMessage());
    }

    @Test
    void theProviderDrawsTheSeedFromTheModelsGeneratorAndDefaultsPToAHalf() {
        Dropout layer = assertInstanceOf(Dropout.class, registry.layer("dropout", Hyperparameters.empty(),
                new LayerContext(new int[] {3}, new SplittableRandom(7), registry)));
        assertEquals(0.5, layer.p());
        assertEquals(new SplittableRandom(7).nextLong(), layer.seed());
        assertEquals(Hyperparameters.of("p", 0.5), layer.hyperparameters());
        assertEquals("dropout", layer.type());
        assertArrayEquals(new int[] {2, 3}, layer.outputShape(new int[] {2, 3}));
    }

    @Test
    void pOutsideZeroToOneIsRefusedNamingTheKeyAndValue() {
        for (double p : new double[] {1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.layer("dropout",
                    Hyperparameters.of("p", p), new LayerContext(new int[] {3}, new SplittableRandom(7), registry)));
            assertEquals("dropout: p must be a probability in [0, 1), got " + p, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Dropout(p, 0));
        }
    }

    @Test
    void backwardBeforeForwardOrWithAnotherShapeIsRefused() {
        Dropout layer = new Dropout(0.5, 21);
        assertEquals("dropout: backward called before forward",
                assertThrows(IllegalStateException.class, () -> layer.backward(Tensor.zeros(2, 3))).getMessage());
        layer.forward(Tensor.zeros(2, 3), true);
        assertEquals("dropout expects an output gradient of shape [2, 3] but got [3, 2]", assertThrows(
                IllegalArgumentException.class, () -> layer.backward(Tensor.zeros(3, 2))).getMessage());
    }

    @Test
    void steadyStateTrainingReusesItsOutputAndGradientBuffers() {
        Dropout layer = new Dropout(0.5, 22);
        Tensor x = input(4, 8, 10);
        Tensor g = input(4, 8, 11);
        Tensor y = layer.forward(x, true);
        Tensor dx = layer.backward(g);
        assertSame(y, layer.forward(x, true));
        assertSame(dx, layer.backward(g));
        assertSame(y, layer.forward(x, false), "inference writes the same buffer");
    }

    @Test
    void thePluginContractPassesIncludingTheGradientCheck() {
        PluginContract.Report report = PluginContract.layer(new DropoutProvider(), Hyperparameters.of("p", 0.3),
                registry);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void theSeedIsKeptExactlyInItsBufferOfFour16BitPieces() {
        for (long seed : new long[] {0, 1, -1, 11, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789ABCDEFL, -0x5A5A5A5A5A5A5A5BL}) {
            Dropout layer = new Dropout(0.5, seed);
            assertEquals(seed, layer.seed());
            for (float piece : layer.buffers().get("seed").data()) {
                assertTrue(piece >= 0 && piece < 65536 && piece == Math.rint(piece), "piece " + piece + " of seed " + seed);
            }
        }
        assertEquals(java.util.List.of("seed", "counter"), java.util.List.copyOf(new Dropout(0.5, 3).buffers().keySet()));
    }

    @Test
    void aSeedLoadedIntoTheBufferIsTheOneThatMasks() {
        Tensor x = input(8, 16, 9);
        Dropout a = new Dropout(0.5, 21);
        Dropout b = new Dropout(0.5, 22);
        b.buffers().get("seed").copyFrom(a.buffers().get("seed"));
        assertEquals(21, b.seed());
        assertArrayEquals(bits(a.forward(x, true)), bits(b.forward(x, true)));
    }

    @Test
    void aSeedBufferThatHoldsNoPiecesIsRefused() {
        Dropout layer = new Dropout(0.5, 5);
        layer.buffers().get("seed").data()[2] = 65536f;
        IllegalStateException e = assertThrows(IllegalStateException.class, layer::seed);
        assertEquals("dropout: buffer 'seed' must hold four whole numbers in [0, 2^16) (the mask seed's 16-bit pieces,"
                + " lowest first), but holds [5.0, 0.0, 65536.0, 0.0]", e.getMessage());
    }
}
