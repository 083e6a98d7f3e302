package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The classic 2-2-1 sigmoid network learns XOR with plain SGD and squared error. Every component is
 * found by name through {@link Plugins#registry()}: the built-in dense and activation layers, and the
 * test-only {@code test_sigmoid}, {@code test_mse} and {@code test_sgd} registered in this module's
 * test resources, exactly as a third-party plugin would be.
 *
 * <p>A 2-2-1 sigmoid net can stall in a local minimum for unlucky initial weights; with this learning
 * rate and epoch count, 19 of the initialisation seeds 0–19 solve XOR, so the fixed seed 2 is not a
 * hand-picked survivor.
 */
class XorTest {

    @Test
    void twoTwoOneSigmoidNetworkLearnsXor() {
        PluginRegistry registry = Plugins.registry();
        SplittableRandom random = new SplittableRandom(2);
        List<Layer> layers = new ArrayList<>();
        int[] shape = {2};
        for (String[] spec : new String[][] {{"dense", "units", "2"}, {"activation", "name", "test_sigmoid"},
                {"dense", "units", "1"}, {"activation", "name", "test_sigmoid"}}) {
            Object value = spec[0].equals("dense") ? (Object) Integer.parseInt(spec[2]) : spec[2];
            Layer layer = registry.layer(spec[0], Hyperparameters.of(spec[1], value),
                    new LayerContext(shape, random, registry));
            shape = layer.outputShape(shape);
            layers.add(layer);
        }
        Sequential model = new Sequential(new int[] {2}, layers);
        assertEquals(9, model.parameterCount(), "2·2 + 2 + 2·1 + 1 parameters");

        Loss mse = registry.loss("test_mse", Hyperparameters.empty());
        Optimizer sgd = registry.optimizer("test_sgd", model.parameters(), Hyperparameters.of("lr", 2.0));
        Dataset xor = new Dataset(Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
                Tensor.of(new float[] {0, 1, 1, 0}, 4, 1));
        List<EpochMetrics> history = new Trainer(model, mse, sgd,
                TrainingConfig.builder().epochs(3000).batchSize(4).seed(1).build()).fit(xor);

        float[] out = model.predict(xor.features()).data();
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            correct += (out[i] > 0.5f) == (xor.targets().data()[i] > 0.5f) ? 1 : 0;
        }
        assertEquals(4, correct, "predictions " + java.util.Arrays.toString(out));
        // Not only on the right side of 0.5: a solved XOR has a small squared error.
        assertTrue(history.get(history.size() - 1).trainLoss() < 0.01, history.get(history.size() - 1).toString());
    }
}
