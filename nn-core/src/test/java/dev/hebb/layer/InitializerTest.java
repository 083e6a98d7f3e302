package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bounds third-party layers use to initialise as {@link Dense} does: an exact table of the formulas. */
class InitializerTest {

    @Test
    void boundsAreTheDocumentedFormulas() {
        // fanIn 784, fanOut 256 (the reference MLP's first layer), and small fans whose bounds are exactly 0.5.
        assertEquals(1 / 28.0, Initializer.PYTORCH.weightBound(784, 256), 0);
        assertEquals(1 / 28.0, Initializer.PYTORCH.biasBound(784), 0);
        assertEquals(Math.sqrt(6.0 / 784), Initializer.HE.weightBound(784, 256), 0);
        assertEquals(0.0, Initializer.HE.biasBound(784), 0);
        assertEquals(Math.sqrt(6.0 / 1040), Initializer.XAVIER.weightBound(784, 256), 0);
        assertEquals(0.0, Initializer.XAVIER.biasBound(784), 0);
        assertEquals(0.5, Initializer.PYTORCH.weightBound(4, 12), 0);
        assertEquals(0.5, Initializer.XAVIER.weightBound(4, 20), 0);
    }

    @Test
    void aDenseLayersWeightsLieWithinTheBoundItsInitializerGives() {
        for (Initializer init : Initializer.values()) {
            Dense dense = new Dense(30, 20, true, init, new java.util.SplittableRandom(3));
            double wb = init.weightBound(30, 20);
            double bb = init.biasBound(30);
            for (float w : dense.weight().value().data()) {
                assertEquals(0, Math.max(0, Math.abs(w) - wb), 1e-7, init + " weight " + w);
            }
            for (float b : dense.bias().value().data()) {
                assertEquals(0, Math.max(0, Math.abs(b) - bb), 1e-7, init + " bias " + b);
            }
        }
    }
}
