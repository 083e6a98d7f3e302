package dev.hebb.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Dense;
import dev.hebb.layer.Initializer;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GradientCheck accepts correct gradients (max relative error below 1e-3, the float32 tolerance the
 * project uses: central differences with h = 1e-2 have truncation error ~h²·f'''/6 ≈ 2e-5 for smooth
 * functions, plus float32 rounding) and rejects deliberately wrong ones by a wide margin.
 */
class GradientCheckTest {

    private static final double TOLERANCE = 1e-3;
    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = Plugins.registry();
    }

    private static Tensor input(long seed, int... shape) {
        return Tensor.uniform(new SplittableRandom(seed), -2, 2, shape);
    }

    private static Activation sigmoid() {
        return registry.activation("test_sigmoid", Hyperparameters.empty());
    }

    @Test
    void denseGradientsPass() {
        GradientCheck.Result r = GradientCheck.layer(new Dense(4, 3, new SplittableRandom(1)), input(2, 5, 4));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @Test
    void denseWithoutBiasAndHeInitPasses() {
        Dense dense = new Dense(6, 2, false, Initializer.HE, new SplittableRandom(3));
        GradientCheck.Result r = GradientCheck.layer(dense, input(4, 3, 6));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @Test
    void threeLayerNetworkFullBackwardPassPasses() {
        SplittableRandom random = new SplittableRandom(5);
        Sequential net = new Sequential(new int[] {4}, List.of(
                new Dense(4, 6, random), new ActivationLayer(sigmoid()),
                new Dense(6, 5, random), new ActivationLayer(sigmoid()),
                new Dense(5, 2, random)));
        GradientCheck.Result r = GradientCheck.layer(net, input(6, 3, 4));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @Test
    void activationAndLossOfTheTestPluginsPass() {
        GradientCheck.Result a = GradientCheck.activation(sigmoid(), input(7, 3, 5));
        assertTrue(a.passes(TOLERANCE), a.toString());
        Loss mse = registry.loss("test_mse", Hyperparameters.empty());
        GradientCheck.Result l = GradientCheck.loss(mse, input(8, 4, 3), input(9, 4, 3));
        assertTrue(l.passes(TOLERANCE), l.toString());
    }

    @Test
    void activationWithAParameterIsCheckedForItToo() {
        GradientCheck.Result r = GradientCheck.activation(new Scaled(false), input(10, 2, 3));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    /**
     * A correct layer that changes state in backward, as dropout draws its next mask: y = k·x with k = 1 + the number
     * of backward passes so far, and dx = k·dy for the k of the forward pass differentiated.
     */
    private static final class ScaleChangingInBackward implements Layer {
        private int backwardPasses;
        private float forwardScale;

        @Override
        public String type() {
            return "scale_changing_in_backward";
        }

        @Override
        public Hyperparameters hyperparameters() {
            return Hyperparameters.empty();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            forwardScale = 1 + backwardPasses;
            Tensor y = input.copy();
            float[] d = y.data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= forwardScale;
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            backwardPasses++;
            Tensor dx = gradOutput.copy();
            float[] d = dx.data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= forwardScale;
            }
            return dx;
        }
    }

    @Test
    void aLayerThatChangesStateInBackwardIsCheckedOnTheFunctionItsBackwardDifferentiates() {
        GradientCheck.Result r = GradientCheck.layer(new ScaleChangingInBackward(), input(13, 3, 4));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @Test
    void failsOnAWrongActivationGradient() {
        // σ' = σ(1−σ); this backward forgets the (1−σ) factor.
        Activation wrong = sigmoidWithBackward((y, dy, dx, i) -> dx.data()[i] = dy.data()[i] * y.data()[i]);
        GradientCheck.Result r = GradientCheck.activation(wrong, input(11, 3, 4));
        assertTrue(r.maxRelativeError() > 0.1, r.toString());
        assertTrue(r.worst().startsWith("input["), r.worst());
    }

    @Test
    void failsOnAWrongParameterGradient() {
        GradientCheck.Result r = GradientCheck.activation(new Scaled(true), input(12, 2, 3));
        assertTrue(r.maxRelativeError() > 0.1, r.toString());
        assertTrue(r.worst().startsWith("weight["), r.worst());
    }

    @Test
    void failsOnAWrongLayerGradient() {
        // A dense layer whose bias gradient is counted twice.
        Dense dense = new Dense(3, 2, new SplittableRandom(13));
        Layer wrong = new Layer() {
            @Override
            public String type() {
                return "wrong_dense";
            }

            @Override
            public Hyperparameters hyperparameters() {
                return Hyperparameters.empty();
            }

            @Override
            public int[] outputShape(int[] inputShape) {
                return dense.outputShape(inputShape);
            }

            @Override
            public Tensor forward(Tensor input, boolean training) {
                return dense.forward(input, training);
            }

            @Override
            public Tensor backward(Tensor gradOutput) {
                Tensor dx = dense.backward(gradOutput);
                dev.hebb.tensor.Ops.sumRows(gradOutput, dense.bias().gradient(), true);
                return dx;
            }

            @Override
            public List<Parameter> parameters() {
                return dense.parameters();
            }
        };
        GradientCheck.Result r = GradientCheck.layer(wrong, input(14, 4, 3));
        assertTrue(r.maxRelativeError() > 0.1, r.toString());
        assertTrue(r.worst().startsWith("bias["), r.worst());
        // Inside a model, the worst element is named by its state-dict name, which says which layer.
        Sequential model = new Sequential(new int[] {3}, List.of(new Dense(3, 3, new SplittableRandom(15)), wrong));
        GradientCheck.Result inModel = GradientCheck.layer(model, input(14, 4, 3));
        assertTrue(inModel.worst().startsWith("1.bias["), inModel.worst());
    }

    @Test
    void failsWhenBackwardAccumulatesIntoDxInsteadOfOverwritingIt() {
        Activation accumulating = sigmoidWithBackward(
                (y, dy, dx, i) -> dx.data()[i] += dy.data()[i] * y.data()[i] * (1 - y.data()[i]));
        GradientCheck.Result r = GradientCheck.activation(accumulating, input(15, 2, 2));
        assertTrue(Double.isInfinite(r.maxRelativeError()), r.toString());
    }

    @Test
    void failsOnAWrongLossGradientAndOnDisagreeingValueAndGradient() {
        Loss mse = registry.loss("test_mse", Hyperparameters.empty());
        Loss unscaled = new Loss() {
            @Override
            public String name() {
                return "unscaled_mse";
            }

            @Override
            public double value(Tensor prediction, Tensor target) {
                return mse.value(prediction, target);
            }

            @Override
            public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
                mse.gradient(prediction, target, gradient);
                for (int i = 0; i < gradient.size(); i++) {
                    gradient.data()[i] *= prediction.size(); // forgets the 1/N of the mean
                }
            }
        };
        GradientCheck.Result wrongGradient = GradientCheck.loss(unscaled, input(16, 3, 2), input(17, 3, 2));
        assertTrue(wrongGradient.maxRelativeError() > 0.1, wrongGradient.toString());

        Loss wrongFusedValue = new Loss() {
            @Override
            public String name() {
                return "wrong_fused";
            }

            @Override
            public double value(Tensor prediction, Tensor target) {
                return mse.value(prediction, target);
            }

            @Override
            public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
                mse.gradient(prediction, target, gradient);
            }

            @Override
            public double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
                gradient(prediction, target, gradient);
                return 2 * value(prediction, target);
            }
        };
        GradientCheck.Result wrongValue = GradientCheck.loss(wrongFusedValue, input(18, 3, 2), input(19, 3, 2));
        assertTrue(wrongValue.maxRelativeError() > 0.1, wrongValue.toString());
        assertTrue(wrongValue.worst().startsWith("value:"), wrongValue.worst());
    }

    /** One element of a (possibly wrong) sigmoid backward pass. */
    private interface ElementBackward {
        void apply(Tensor y, Tensor dy, Tensor dx, int i);
    }

    /** The test sigmoid's forward with the given backward. */
    private static Activation sigmoidWithBackward(ElementBackward backward) {
        Activation right = sigmoid();
        return new Activation() {
            @Override
            public String name() {
                return "altered_sigmoid";
            }

            @Override
            public void forward(Tensor x, Tensor y) {
                right.forward(x, y);
            }

            @Override
            public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                for (int i = 0; i < x.size(); i++) {
                    backward.apply(y, dy, dx, i);
                }
            }
        };
    }

    /** y = a·x with a learnable scalar a ("weight"); optionally with a wrong da (missing a sum). */
    private static final class Scaled implements Activation {
        private final Parameter weight = new Parameter("weight", Tensor.of(new float[] {1.5f}, 1));
        private final boolean wrong;

        Scaled(boolean wrong) {
            this.wrong = wrong;
        }

        @Override
        public String name() {
            return "scaled";
        }

        @Override
        public void forward(Tensor x, Tensor y) {
            float a = weight.value().data()[0];
            for (int i = 0; i < x.size(); i++) {
                y.data()[i] = a * x.data()[i];
            }
        }

        @Override
        public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
            float a = weight.value().data()[0];
            double da = 0;
            for (int i = 0; i < x.size(); i++) {
                dx.data()[i] = a * dy.data()[i];
                if (!wrong || i == 0) { // the wrong one counts only the first element's contribution
                    da += (double) x.data()[i] * dy.data()[i];
                }
            }
            weight.gradient().data()[0] += (float) da;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight);
        }
    }
}
