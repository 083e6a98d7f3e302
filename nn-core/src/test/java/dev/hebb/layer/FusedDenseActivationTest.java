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
 * A dense layer followed by an element-wise activation that computes ranges runs fused in
 * {@link Sequential#forward} (bias and activation in the product's epilogue). Fused and unfused passes
 * must agree bitwise, forward and backward, on every kernel and thread count; the model's layers and
 * parameter names do not change. Tolerance: none.
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
        model.backward(dy, false);
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
            TestSoftsign a = new TestSoftsign(true);
            TestSoftsign b = new TestSoftsign(true);
            Sequential model = model(a, b);
            List<float[]> unfused = pass(model, false, x);
            assertEquals(1, a.wholeArrayForwards());
            List<float[]> fused = pass(model, true, x);
            assertEquals(1, a.wholeArrayForwards(), "the fused pass must not call the whole-array forward");
            assertEquals(1, b.wholeArrayForwards());
            for (int i = 0; i < unfused.size(); i++) {
                assertArrayEquals(unfused.get(i), fused.get(i), 0f, kernel.name() + ": output or gradient " + i);
            }
        }
    }

    @Test
    void anActivationWithoutRangesRunsUnfused() {
        TestSoftsign a = new TestSoftsign(false);
        TestSoftsign b = new TestSoftsign(true);
        Sequential model = model(a, b);
        Tensor x = Tensor.uniform(new SplittableRandom(9), -2, 2, 7, 200);
        List<float[]> unfused = pass(model, false, x);
        List<float[]> viaModel = pass(model, true, x);
        assertEquals(2, a.wholeArrayForwards());
        assertEquals(1, b.wholeArrayForwards());
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
