package dev.hebb.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Dense;
import dev.hebb.layer.Dropout;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testplugin.TestMseProvider;
import dev.hebb.testplugin.TestSgdProvider;
import dev.hebb.testplugin.TestSigmoidProvider;
import dev.hebb.testplugin.TestSoftsign;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training is bit-reproducible: the same seed gives bitwise identical weights on every run and for any
 * kernel thread count. The layers are big enough that every product is cut into several chunks.
 */
class TrainingReproducibilityTest {

    private static final int BATCH = 96;
    private final Kernel original = Kernels.get();

    @AfterEach
    void restoreKernel() {
        Kernels.use(original);
    }

    /** The weights after three SGD steps of a 200-256-128-10 sigmoid MLP on fixed random data. */
    private static List<float[]> train(Kernel kernel, long seed) {
        return train(kernel, seed, false);
    }

    /**
     * The same with softsign activations computed in the dense layers' epilogues ({@code fused}: the
     * activation computes ranges) instead of sigmoids.
     */
    private static List<float[]> train(Kernel kernel, long seed, boolean fused) {
        return train(kernel, seed, fused, false);
    }

    /** The same, with {@code dropout} layers (p = 0.3, seeds from the model's generator) after both activations. */
    private static List<float[]> train(Kernel kernel, long seed, boolean fused, boolean dropout) {
        Kernels.use(kernel);
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense(200, 256, random));
        layers.add(fused ? new ActivationLayer(new TestSoftsign(true)) : sigmoid());
        if (dropout) {
            layers.add(new Dropout(0.3, random.nextLong()));
        }
        layers.add(new Dense(256, 128, random));
        layers.add(fused ? new ActivationLayer(new TestSoftsign(true)) : sigmoid());
        if (dropout) {
            layers.add(new Dropout(0.3, random.nextLong()));
        }
        layers.add(new Dense(128, 10, random));
        Sequential model = new Sequential(new int[] {200}, layers);
        Loss loss = new TestMseProvider().create(Hyperparameters.empty());
        Optimizer sgd = new TestSgdProvider().create(model.parameters(), Hyperparameters.of("lr", 0.5));
        Tensor x = Tensor.uniform(random, -1, 1, BATCH, 200);
        Tensor y = Tensor.uniform(random, 0, 1, BATCH, 10);
        Tensor gradient = Tensor.zeros(BATCH, 10);
        for (int step = 0; step < 3; step++) {
            Tensor out = model.forward(x, true);
            sgd.zeroGrad();
            assertTrue(Double.isFinite(loss.valueAndGradient(out, y, gradient)));
            model.backward(gradient, false);
            sgd.step();
        }
        List<float[]> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            weights.add(p.value().data().clone());
        }
        return weights;
    }

    private static ActivationLayer sigmoid() {
        return new ActivationLayer(new TestSigmoidProvider().create(Hyperparameters.empty()));
    }

    @Test
    void theSameSeedGivesBitwiseTheSameWeightsOnEveryRunAndThreadCount() {
        List<float[]> reference = train(Kernels.best(1), 42);
        List<List<float[]>> others = List.of(train(Kernels.best(1), 42), train(Kernels.best(2), 42),
                train(Kernels.best(3), 42));
        for (List<float[]> other : others) {
            assertEquals(reference.size(), other.size());
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i), other.get(i), "parameter " + i);
            }
        }
    }

    @Test
    void fusedDenseActivationLayersGiveBitwiseTheSameWeightsOnEveryThreadCount() {
        List<float[]> reference = train(Kernels.best(1), 42, true);
        for (List<float[]> other : List.of(train(Kernels.best(2), 42, true), train(Kernels.best(3), 42, true))) {
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i), other.get(i), "parameter " + i);
            }
        }
    }

    @Test
    void dropoutLayersGiveBitwiseTheSameWeightsOnEveryThreadCount() {
        // Dropout itself runs one sequential pass; its masks feed the split products before and after it.
        List<float[]> reference = train(Kernels.best(1), 42, false, true);
        for (List<float[]> other : List.of(train(Kernels.best(1), 42, false, true),
                train(Kernels.best(2), 42, false, true))) {
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i), other.get(i), "parameter " + i);
            }
        }
    }

    @Test
    void theComparisonAboveCanFail() {
        // A different seed must give different weights, or bitwise equality would prove nothing.
        List<float[]> a = train(Kernels.best(2), 42);
        List<float[]> b = train(Kernels.best(2), 43);
        assertFalse(Arrays.equals(a.get(0), b.get(0)));
    }

    @Test
    void theLayersAreBigEnoughToBeSplitAcrossThreads() {
        int panels = (256 + VectorKernel.NR - 1) / VectorKernel.NR;
        assertTrue(Parallel.chunks((long) BATCH * 256 * 200, 1 << 20, panels) > 1);
    }
}
