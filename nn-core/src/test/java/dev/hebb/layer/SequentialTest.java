package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void theSameLayerTwiceIsRejectedWithBothPlaces() {
        // A layer keeps its last input for backward, so a second use would give wrong gradients silently.
        Dense shared = new Dense(3, 3, new SplittableRandom(1));
        ActivationLayer between = new ActivationLayer(Plugins.registry().activation("test_sigmoid", Hyperparameters.empty()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {3}, List.of(shared, between, shared)));
        assertEquals("layer 2 (dense) is the same object as layer 0; weight sharing is not supported, so create a"
                + " separate layer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequential.builder(Plugins.registry(), new SplittableRandom(1), 3)
                .add(shared).add(shared).build());
    }

    @Test
    void anInputShapeWithoutDimensionsOrWithANonPositiveOneIsRejectedAsByTheBuilder() {
        // Such a model could be saved, but its model.json could not be loaded.
        ActivationLayer sigmoid = new ActivationLayer(Plugins.registry().activation("test_sigmoid", Hyperparameters.empty()));
        assertEquals("a model's input shape needs at least one dimension, all positive, got [-3]",
                assertThrows(IllegalArgumentException.class, () -> new Sequential(new int[] {-3}, List.of(sigmoid))).getMessage());
        assertEquals("a model's input shape needs at least one dimension, all positive, got []",
                assertThrows(IllegalArgumentException.class, () -> new Sequential(new int[0], List.of())).getMessage());
        assertEquals("a model's input shape needs at least one dimension, all positive, got [2, 0]",
                assertThrows(IllegalArgumentException.class, () -> Sequential.builder(Plugins.registry(),
                        new SplittableRandom(1), 2, 0)).getMessage());
    }

    @Test
    void aLayerAddedByHandThatCannotTakeTheShapeIsNamedByItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder(Plugins.registry(), new SplittableRandom(1), 4).dense(128)
                        .add(new Dense(64, 10, new SplittableRandom(2))));
        assertEquals("layer 1 (dense): dense layer expects 64 input features but gets shape [128]", e.getMessage());
    }

    @Test
    void aParameterHeldByTwoLayersIsRejected() {
        Dense first = new Dense(2, 2, new SplittableRandom(1));
        Layer borrower = new Layer() {
            @Override
            public String type() {
                return "borrower";
            }

            @Override
            public Hyperparameters hyperparameters() {
                return Hyperparameters.empty();
            }

            @Override
            public int[] outputShape(int[] inputShape) {
                return inputShape;
            }

            @Override
            public Tensor forward(Tensor input, boolean training) {
                return input;
            }

            @Override
            public Tensor backward(Tensor gradOutput) {
                return gradOutput;
            }

            @Override
            public List<Parameter> parameters() {
                return List.of(first.weight());
            }
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {2}, List.of(first, borrower)));
        assertEquals("layer 1 (borrower) holds parameter 'weight', which layer 0 holds too; weight sharing is not"
                + " supported", e.getMessage());
    }

    @Test
    void predictReturnsATensorTheNextCallDoesNotOverwrite() {
        Sequential model = Sequential.builder(Plugins.registry(), new SplittableRandom(4), 2).dense(3).build();
        Tensor x1 = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor x2 = Tensor.of(new float[] {-3, 5}, 1, 2);

        Tensor first = model.predict(x1);
        float[] kept = first.data().clone();
        Tensor second = model.predict(x2);

        assertNotSame(first, second);
        assertArrayEquals(kept, first.data(), 0f);
        assertArrayEquals(model.forward(x2, false).data(), second.data(), 0f, "the values forward gives");
    }

    @Test
    void buffersAreNamedByLayerIndexAndStayOutOfTheParameters() {
        CountingLayer counting = new CountingLayer();
        Dense dense = new Dense(2, 2, new SplittableRandom(1));
        Sequential model = new Sequential(new int[] {2}, List.of(dense, counting));

        assertEquals(List.of("1.seen", "1.last"), List.copyOf(model.buffers().keySet()));
        assertSame(counting.buffers().get("seen"), model.buffers().get("1.seen"));
        assertEquals(List.of("0.weight", "0.bias", "1.scale"), List.copyOf(model.namedParameters().keySet()));
        assertEquals(3, model.parameters().size(), "optimizers are created over the parameters alone");
    }

    @Test
    void theStateDictHoldsEachLayersParametersThenItsBuffersInLayerOrder() {
        // PyTorch's state_dict order: module by module, parameters before buffers.
        Sequential model = new Sequential(new int[] {2}, List.of(new CountingLayer(), new Dense(2, 2, new SplittableRandom(1)),
                new CountingLayer()));

        Map<String, Tensor> state = model.stateDict();

        assertEquals(List.of("0.scale", "0.seen", "0.last", "1.weight", "1.bias", "2.scale", "2.seen", "2.last"),
                List.copyOf(state.keySet()));
        assertSame(model.namedParameters().get("1.weight").value(), state.get("1.weight"));
        assertSame(model.buffers().get("2.last"), state.get("2.last"));
    }

    @Test
    void aModelWithoutBuffersHasItsParametersAsItsStateDict() {
        Sequential model = Sequential.builder(Plugins.registry(), new SplittableRandom(4), 2).dense(3).dense(1).build();

        assertTrue(model.buffers().isEmpty());
        assertEquals(List.copyOf(model.namedParameters().keySet()), List.copyOf(model.stateDict().keySet()));
        model.namedParameters().forEach((name, p) -> assertSame(p.value(), model.stateDict().get(name)));
    }

    @Test
    void aBufferNamedLikeAParameterOfItsLayerIsRejected() {
        Layer named = new CountingLayer() {
            @Override
            public Map<String, Tensor> buffers() {
                return Map.of("scale", Tensor.zeros(1));
            }
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {2}, List.of(named)));
        assertEquals("layer 0 (counting) has a buffer and a parameter both named 'scale'; a buffer needs a name of its own,"
                + " as both are saved by name", e.getMessage());
    }

    @Test
    void aBufferThatIsAnotherLayersTensorIsRejected() {
        Dense dense = new Dense(2, 2, new SplittableRandom(1));
        Layer borrower = new CountingLayer() {
            @Override
            public Map<String, Tensor> buffers() {
                return Map.of("stolen", dense.bias().value());
            }
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {2}, List.of(dense, borrower)));
        assertEquals("layer 1 (counting) holds buffer 'stolen', whose tensor layer 0 holds too as a parameter or buffer;"
                + " a buffer needs its own tensor, as it is saved and loaded on its own", e.getMessage());
    }
}
