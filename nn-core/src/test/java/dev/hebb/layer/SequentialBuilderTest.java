package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SequentialBuilderTest {

    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = Plugins.registry();   // the test providers: test_sigmoid, test_mse, test_sgd
    }

    @Test
    void denseWithActivationExpandsIntoTwoLayersNamedAsPyTorchSequential() {
        Sequential model = Sequential.builder(registry, new SplittableRandom(3), 4)
                .dense(8, "test_sigmoid")
                .dense(2)
                .build();

        assertEquals(3, model.layers().size());
        assertInstanceOf(Dense.class, model.layers().get(0));
        assertInstanceOf(ActivationLayer.class, model.layers().get(1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertArrayEquals(new int[] {2}, model.outputShape());
    }

    @Test
    void drawsTheSameWeightsAsLayersBuiltByHandFromTheSameSeed() {
        Sequential built = Sequential.builder(registry, new SplittableRandom(11), 5).dense(7, "test_sigmoid").dense(3).build();

        SplittableRandom random = new SplittableRandom(11);
        Dense first = new Dense(5, 7, random);
        Dense second = new Dense(7, 3, random);

        assertArrayEquals(first.weight().value().data(), ((Dense) built.layers().get(0)).weight().value().data());
        assertArrayEquals(first.bias().value().data(), ((Dense) built.layers().get(0)).bias().value().data());
        assertArrayEquals(second.weight().value().data(), ((Dense) built.layers().get(2)).weight().value().data());
        assertArrayEquals(second.bias().value().data(), ((Dense) built.layers().get(2)).bias().value().data());
    }

    @Test
    void aDenseLayerWithAnUnknownActivationLeavesTheBuilderAsItWas() {
        SequentialBuilder builder = Sequential.builder(registry, new SplittableRandom(11), 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.dense(7, "test_sigmod")).getMessage()
                .startsWith("unknown activation 'test_sigmod'"));
        Sequential retried = builder.dense(7, "test_sigmoid").build();

        Sequential fresh = Sequential.builder(registry, new SplittableRandom(11), 5).dense(7, "test_sigmoid").build();
        assertEquals(2, retried.layers().size(), "no dense layer left over from the failed call");
        assertArrayEquals(((Dense) fresh.layers().get(0)).weight().value().data(),
                ((Dense) retried.layers().get(0)).weight().value().data(), "no weights drawn by the failed call");
    }

    @Test
    void passesHyperparametersToTheLayerPlugin() {
        Sequential model = Sequential.builder(registry, new SplittableRandom(1), 3)
                .layer("dense", Hyperparameters.of("units", 4, "bias", false))
                .build();

        assertEquals(List.of("0.weight"), List.copyOf(model.namedParameters().keySet()));
    }

    @Test
    void unknownActivationNamesTheClosestKnownOne() {
        SequentialBuilder builder = Sequential.builder(registry, new SplittableRandom(1), 3).dense(4);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.activation("test_sigmod"));
        assertTrue(e.getMessage().contains("unknown activation 'test_sigmod'"), e.getMessage());
        assertTrue(e.getMessage().contains("test_sigmoid"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyOrNonPositiveInputShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder(registry, new SplittableRandom(1), 0));
        assertEquals("a model's input shape needs at least one dimension, all positive, got [0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequential.builder(registry, new SplittableRandom(1)));
    }

    @Test
    void denseOnAnImageShapedInputSaysWhy() {
        SequentialBuilder builder = Sequential.builder(registry, new SplittableRandom(1), 1, 28, 28);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.dense(10));
        assertEquals("dense layer needs flat inputs [features], but its input has shape [1, 28, 28]", e.getMessage());
    }
}
