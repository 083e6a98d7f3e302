package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayerProvidersTest {

    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = Plugins.registry();
    }

    private static LayerContext context(int... inputShape) {
        return new LayerContext(inputShape, new SplittableRandom(7), registry);
    }

    @Test
    void denseTakesUnitsFromHyperparametersAndFeaturesFromTheContext() {
        Dense dense = assertInstanceOf(Dense.class, registry.layer("dense", Hyperparameters.of("units", 3), context(5)));
        assertArrayEquals(new int[] {3, 5}, dense.weight().value().shape());
        assertArrayEquals(new int[] {3}, dense.bias().value().shape());
        assertEquals(Hyperparameters.of("units", 3), dense.hyperparameters());
    }

    @Test
    void denseWithoutBiasHasOnlyAWeight() {
        Dense dense = (Dense) registry.layer("dense", Hyperparameters.of("units", 2, "bias", false), context(4));
        assertNull(dense.bias());
        assertEquals(1, dense.parameters().size());
        assertEquals(Hyperparameters.of("units", 2, "bias", false), dense.hyperparameters());
    }

    @Test
    void denseInitializersUseTheirBounds() {
        // He: U(±√(6/fanIn)) = ±√(6/600) = ±0.1, bias zero; pytorch: U(±1/√600) ≈ ±0.0408 for weight and bias.
        Dense he = (Dense) registry.layer("dense", Hyperparameters.of("units", 50, "init", "he"), context(600));
        float heMax = maxAbs(he.weight().value());
        assertTrue(heMax <= 0.1f && heMax > 0.09f, "he max |w| " + heMax);
        assertEquals(0f, maxAbs(he.bias().value()));
        Dense xavier = (Dense) registry.layer("dense", Hyperparameters.of("units", 600, "init", "xavier"), context(600));
        float xavierMax = maxAbs(xavier.weight().value()); // √(6/1200) ≈ 0.0707
        assertTrue(xavierMax <= 0.0708f && xavierMax > 0.07f, "xavier max |w| " + xavierMax);
        Dense torch = (Dense) registry.layer("dense", Hyperparameters.of("units", 50), context(600));
        float bound = (float) (1 / Math.sqrt(600));
        assertTrue(maxAbs(torch.weight().value()) <= bound && maxAbs(torch.weight().value()) > 0.9f * bound);
        assertTrue(maxAbs(torch.bias().value()) <= bound && maxAbs(torch.bias().value()) > 0f);
    }

    private static float maxAbs(Tensor t) {
        float m = 0;
        for (float v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void denseIsDrawnFromTheContextsGeneratorSoTheSameSeedGivesTheSameWeights() {
        Dense a = (Dense) registry.layer("dense", Hyperparameters.of("units", 4), context(3));
        Dense b = (Dense) registry.layer("dense", Hyperparameters.of("units", 4), context(3));
        assertArrayEquals(a.weight().value().data(), b.weight().value().data());
    }

    @Test
    void denseNeedsUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.layer("dense", Hyperparameters.empty(), context(3)));
        assertEquals("dense needs hyperparameter 'units' (the number of outputs)", e.getMessage());
    }

    @Test
    void denseRejectsNonPositiveUnitsAndUnknownInit() {
        assertEquals("dense layer needs a positive number of units, got 0", assertThrows(IllegalArgumentException.class,
                () -> registry.layer("dense", Hyperparameters.of("units", 0), context(3))).getMessage());
        assertEquals("unknown initializer 'kaiming'; known: pytorch, he, xavier",
                assertThrows(IllegalArgumentException.class, () -> registry.layer("dense",
                        Hyperparameters.of("units", 2, "init", "kaiming"), context(3))).getMessage());
    }

    @Test
    void denseRejectsNonFlatInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.layer("dense", Hyperparameters.of("units", 2), context(1, 28, 28)));
        assertEquals("dense layer needs flat inputs [features], but its input has shape [1, 28, 28]", e.getMessage());
    }

    @Test
    void activationLayerLooksUpTheNamedActivation() {
        ActivationLayer layer = (ActivationLayer) registry.layer("activation",
                Hyperparameters.of("name", "test_sigmoid"), context(2));
        assertEquals("test_sigmoid", layer.activation().name());
        Tensor y = layer.forward(Tensor.of(new float[] {0f, 0f}, 1, 2), false);
        assertArrayEquals(new float[] {0.5f, 0.5f}, y.data());
        assertEquals(Hyperparameters.of("name", "test_sigmoid"), layer.hyperparameters());
        assertFalse(layer.hyperparameters().isEmpty());
    }

    @Test
    void activationLayerRejectsAGradientOfAnotherShape() {
        Layer layer = registry.layer("activation", Hyperparameters.of("name", "test_sigmoid"), context(2));
        layer.forward(Tensor.zeros(3, 2), true);
        assertEquals("activation layer test_sigmoid expects an output gradient of shape [3, 2] but got [2, 2]",
                assertThrows(IllegalArgumentException.class, () -> layer.backward(Tensor.zeros(2, 2))).getMessage());
    }

    @Test
    void activationLayerNeedsAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.layer("activation", Hyperparameters.of("negativeSlope", 0.1), context(2)));
        assertEquals("activation layer needs hyperparameter 'name' (the activation, e.g. 'relu'); it got [negativeSlope]",
                e.getMessage());
    }

    @Test
    void activationLayerValidatesForwardedKeysThroughTheActivationsProvider() {
        Hyperparameters h = Hyperparameters.of("name", "test_sigmoid", "negativeSlope", 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.layerProvider("activation").checkHyperparameters(h, registry));
        assertEquals("test_sigmoid has no hyperparameter 'negativeSlope'; it takes none", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> registry.layer("activation", h, context(2))).getMessage());
    }

    @Test
    void activationLayerWithUnknownActivationSuggestsTheClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.layer("activation", Hyperparameters.of("name", "test_sigmoud"), context(2)));
        assertEquals("unknown activation 'test_sigmoud'; did you mean 'test_sigmoid'? known: test_sigmoid",
                e.getMessage());
    }
}
