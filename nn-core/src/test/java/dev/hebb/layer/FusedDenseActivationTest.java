package dev.hebb.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.internal.kernel.Kernel;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.internal.kernel.ScalarKernel;
import dev.hebb.tensor.Tensor;
import dev.hebb.testplugin.TestSoftsign;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An element-wise activation that computes ranges runs fused into the dense layers around it: in
 * {@link Sequential#forward} into the one before (bias and activation in the product's epilogue), in
 * {@link Sequential#backward} into the one after (its derivative in the input gradient's epilogue). Fused
 * and unfused passes must agree bitwise, forward and backward, on every kernel and thread count; the
 * model's layers and parameter names do not change. Tolerance: none.
 */
class FusedDenseActivationTest {

    private final Kernel original = Kernels.get();

    @AfterEach
    void restoreKernel() {
        Kernels.use(original);
    }

    /** 200-100-256-3: 100 and 256 columns are not multiples of the vector kernel's 48-column panels. */
    private static Sequential model(TestSoftsign a, TestSoftsign b) {
        SplittableRandom random = new SplittableRandom(5);
        return new Sequential(new int[] {200}, List.of(
                new Dense(200, 100, random), new ActivationLayer(a),
                new Dense(100, 256, random), new ActivationLayer(b),
                new Dense(256, 3, random)));
    }

    /** The output, then every parameter gradient, after one forward and backward pass. */
    private static List<float[]> pass(Sequential model, boolean fused, Tensor x) {
        for (Parameter p : model.parameters()) {
            p.zeroGradient();
        }
        Tensor out = x;
        if (fused) {
            out = model.forward(x, true);
        } else {
            for (Layer layer : model.layers()) {
                out = layer.forward(out, true);
            }
        }
        List<float[]> result = new ArrayList<>(List.of(out.data().clone()));
        Tensor dy = Tensor.zeros(out.shape());
        for (int i = 0; i < dy.size(); i++) {
            dy.data()[i] = (i % 5) - 2f;
        }
        if (fused) {
            model.backward(dy, false);
        } else {
            List<Layer> layers = model.layers();
            for (int i = layers.size() - 1; i >= 0; i--) {
                dy = layers.get(i).backward(dy, i > 0);
            }
        }
        for (Parameter p : model.parameters()) {
            result.add(p.gradient().data().clone());
        }
        return result;
    }

    @Test
    void fusedAndUnfusedPassesGiveTheSameBitsOnEveryKernelAndThreadCount() {
        Tensor x = Tensor.uniform(new SplittableRandom(9), -2, 2, 130, 200);
        for (Kernel kernel : List.of(new ScalarKernel(), Kernels.best(1), Kernels.best(2), Kernels.best(3))) {
            Kernels.use(kernel);
            // Two models with the same weights, so no buffer of one holds values the other computed.
            TestSoftsign a = new TestSoftsign(true);
            TestSoftsign b = new TestSoftsign(true);
            List<float[]> unfused = pass(model(a, b), false, x);
            assertEquals(1, a.wholeArrayForwards());
            assertEquals(1, a.wholeArrayBackwards());
            TestSoftsign fusedA = new TestSoftsign(true);
            TestSoftsign fusedB = new TestSoftsign(true);
            List<float[]> fused = pass(model(fusedA, fusedB), true, x);
            assertEquals(0, fusedA.wholeArrayForwards(), "the fused pass must not call the whole-array forward");
            assertEquals(0, fusedB.wholeArrayForwards());
            assertEquals(0, fusedA.wholeArrayBackwards(), "the fused pass must not call the whole-array backward");
            assertEquals(0, fusedB.wholeArrayBackwards());
            for (int i = 0; i < unfused.size(); i++) {
                assertArrayEquals(unfused.get(i), fused.get(i), 0f, kernel.name() + ": output or gradient " + i);
            }
        }
    }

    @Test
    void anActivationWithoutRangesRunsUnfused() {
        Tensor x = Tensor.uniform(new SplittableRandom(9), -2, 2, 7, 200);
        List<float[]> unfused = pass(model(new TestSoftsign(false), new TestSoftsign(true)), false, x);
        TestSoftsign a = new TestSoftsign(false);
        TestSoftsign b = new TestSoftsign(true);
        List<float[]> viaModel = pass(model(a, b), true, x);
        assertEquals(1, a.wholeArrayForwards());
        assertEquals(0, b.wholeArrayForwards());
        assertEquals(1, a.wholeArrayBackwards());
        assertEquals(0, b.wholeArrayBackwards());
        for (int i = 0; i < unfused.size(); i++) {
            assertArrayEquals(unfused.get(i), viaModel.get(i), 0f, "output or gradient " + i);
        }
    }

    @Test
    void theModelStillListsEveryLayerAndParameterName() {
        Sequential model = model(new TestSoftsign(true), new TestSoftsign(true));
        assertEquals(5, model.layers().size());
        assertTrue(model.layers().get(1) instanceof ActivationLayer);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                List.copyOf(model.namedParameters().keySet()));
    }
}
