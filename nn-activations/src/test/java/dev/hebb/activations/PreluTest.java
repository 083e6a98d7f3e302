package dev.hebb.activations;

import static dev.hebb.activations.ActivationTesting.activation;
import static dev.hebb.activations.ActivationTesting.assertGradientMatches;
import static dev.hebb.activations.ActivationTesting.gradientCheckPoints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.activation.Activation;
import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Parameter;
import dev.hebb.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PReLU's learnable slope: a {@code weight} parameter, one per feature (dimension 1) or shared. */
class PreluTest {

    @Test
    void theSlopeIsAParameterNamedWeightInitialisedToInit() {
        Activation prelu = activation("prelu", "numParameters", 3, "init", 0.1);
        List<Parameter> parameters = prelu.parameters();
        assertEquals(1, parameters.size());
        assertEquals("weight", parameters.get(0).name());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, parameters.get(0).value().data());
    }

    @Test
    void aLayerExposesTheSlopeSoThatOptimizersUpdateIt() {
        Activation prelu = activation("prelu");
        ActivationLayer layer = new ActivationLayer(prelu, new int[] {4});
        assertSame(prelu.parameters().get(0), layer.parameters().get(0));
        Tensor x = Tensor.of(new float[] {-2f, -1f, 1f, 2f}, 1, 4);
        layer.forward(x, true);
        layer.backward(Tensor.full(1f, 1, 4));
        Parameter weight = layer.parameters().get(0);
        assertEquals(-3f, weight.gradient().data()[0], 0f, "dL/da = sum of x over x <= 0");
        weight.value().data()[0] -= 0.1f * weight.gradient().data()[0]; // one SGD step, lr 0.1
        assertArrayEquals(new float[] {-1.1f, -0.55f, 1f, 2f}, layer.forward(x, false).data(), 1e-6f);
    }

    @Test
    void eachFeatureOfDimensionOneHasItsOwnSlope() {
        Activation prelu = activation("prelu", "numParameters", 2);
        float[] w = prelu.parameters().get(0).value().data();
        w[0] = 0.5f;
        w[1] = -2f;
        // [N=2, C=2, L=2]
        Tensor x = Tensor.of(new float[] {-1f, 3f, -1f, -4f, 2f, -8f, -0.5f, 1f}, 2, 2, 2);
        Tensor y = Tensor.zeros(2, 2, 2);
        prelu.forward(x, y);
        assertArrayEquals(new float[] {-0.5f, 3f, 2f, 8f, 2f, -4f, 1f, 1f}, y.data(), 0f);
        prelu.backward(x, y, Tensor.full(1f, 2, 2, 2), Tensor.zeros(2, 2, 2));
        // Channel 0 collects -1 and -8, channel 1 collects -1, -4 and -0.5.
        assertArrayEquals(new float[] {-9f, -5.5f}, prelu.parameters().get(0).gradient().data(), 0f);
    }

    @Test
    void slopeGradientsAccumulateAcrossBackwardCalls() {
        Activation prelu = activation("prelu");
        Tensor x = Tensor.of(new float[] {-2f, 1f}, 1, 2);
        Tensor y = Tensor.zeros(1, 2);
        prelu.forward(x, y);
        prelu.backward(x, y, Tensor.full(1f, 1, 2), Tensor.zeros(1, 2));
        prelu.backward(x, y, Tensor.full(1f, 1, 2), Tensor.zeros(1, 2));
        assertEquals(-4f, prelu.parameters().get(0).gradient().data()[0], 0f);
    }

    @Test
    void gradientsOfInputAndPerFeatureSlopesMatchFiniteDifferences() {
        Activation prelu = activation("prelu", "numParameters", 6);
        float[] w = prelu.parameters().get(0).value().data();
        for (int c = 0; c < w.length; c++) {
            w[c] = 0.3f * c - 0.7f;
        }
        float[] points = gradientCheckPoints(7, 0);
        // Rank 3, [N, C=6, L=1]: the check covers both the input and the weight gradient.
        assertGradientMatches(prelu, Tensor.of(points, points.length / 6, 6, 1));
    }

    @Test
    void aSlopeCountThatIsNotTheFeatureCountFailsWhenTheLayerIsBuilt() {
        Activation prelu = activation("prelu", "numParameters", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActivationLayer(prelu, new int[] {4}));
        assertEquals("prelu: hyperparameter 'numParameters' is 3 but the input has 4 features (per-sample shape [4]);"
                + " use 1 or 4", e.getMessage());
    }

    @Test
    void aSlopeCountThatIsNotTheFeatureCountFailsInForward() {
        Activation prelu = activation("prelu", "numParameters", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prelu.forward(Tensor.zeros(2, 4), Tensor.zeros(2, 4)));
        assertEquals("prelu: hyperparameter 'numParameters' is 3 but the input has 4 features (dimension 1 of input"
                + " shape [2, 4])", e.getMessage());
    }

    @Test
    void oneSharedSlopeTakesAnyShape() {
        Activation prelu = activation("prelu");
        prelu.checkInputShape(new int[] {3, 5, 5});
        prelu.checkInputShape(new int[0]);
        Tensor y = Tensor.zeros(4);
        prelu.forward(Tensor.of(new float[] {-4f, -1f, 0f, 2f}, 4), y);
        assertArrayEquals(new float[] {-1f, -0.25f, 0f, 2f}, y.data(), 0f);
    }
}
