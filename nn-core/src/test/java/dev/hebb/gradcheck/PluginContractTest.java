package dev.hebb.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.layer.Parameter;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LossProvider;
import dev.hebb.plugin.OptimizerProvider;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The contract passes correct plugins (written here the way a third party would) and names the
 * failing check for each kind of mistake a plugin author makes.
 */
class PluginContractTest {

    // ------------------------------------------------------------ activations

    /** An element-wise activation from a function and its derivative (the derivative may be wrong on purpose). */
    private record Elementwise(String name, DoubleUnaryOperator f, DoubleUnaryOperator df, boolean accumulate)
            implements ActivationProvider, Activation {
        @Override
        public Activation create(Hyperparameters hyperparameters) {
            return this;
        }

        @Override
        public void forward(Tensor x, Tensor y) {
            float[] in = x.data();
            float[] out = y.data();
            for (int i = 0; i < in.length; i++) {
                out[i] = (float) f.applyAsDouble(in[i]);
            }
        }

        @Override
        public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
            float[] in = x.data();
            float[] g = dy.data();
            float[] out = dx.data();
            for (int i = 0; i < in.length; i++) {
                float v = (float) (g[i] * df.applyAsDouble(in[i]));
                out[i] = accumulate ? out[i] + v : v;
            }
        }
    }

    private static Elementwise stableSigmoid() {
        return new Elementwise("good_sigmoid", x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)),
                x -> {
                    double s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
                    return s * (1 - s);
                }, false);
    }

    @Test
    void aCorrectActivationPassesEveryCheck() {
        PluginContract.Report report = PluginContract.activation(stableSigmoid(), Hyperparameters.empty());
        assertTrue(report.passed(), report.toString());
        assertEquals(8, report.checks().size(), report.toString());
    }

    /**
     * {@code y = tanh(a·x)}; mistake 1: the derivative ignores {@code a} (right only at its default, 1);
     * mistake 2: {@code hyperparameters()} forgets {@code a}, so a saved model would come back with a = 1.
     */
    private record ScaledTanh(double a, int mistake) implements ActivationProvider, Activation {
        @Override
        public String name() {
            return "scaled_tanh";
        }

        @Override
        public List<HyperparameterSpec> hyperparameterSpecs() {
            return List.of(HyperparameterSpec.number("a", 1.0, "input scale"));
        }

        @Override
        public Activation create(Hyperparameters h) {
            return new ScaledTanh(h.getDouble("a", 1.0), mistake);
        }

        @Override
        public Hyperparameters hyperparameters() {
            return mistake == 2 ? Hyperparameters.empty() : Hyperparameters.of("a", a);
        }

        @Override
        public void forward(Tensor x, Tensor y) {
            for (int i = 0; i < x.size(); i++) {
                y.data()[i] = (float) Math.tanh(a * x.data()[i]);
            }
        }

        @Override
        public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
            for (int i = 0; i < x.size(); i++) {
                double t = y.data()[i];
                dx.data()[i] = (float) (dy.data()[i] * (mistake == 1 ? 1 : a) * (1 - t * t));
            }
        }
    }

    @Test
    void mistakesHiddenAtTheDefaultHyperparametersAreFoundWithThemMoved() {
        String check = "gradient and hyperparameters() with each number hyperparameter moved";
        PluginContract.Report good = PluginContract.activation(new ScaledTanh(1, 0), Hyperparameters.empty());
        assertTrue(good.passed(), good.toString());
        assertEquals("a=1.5", check(good, check).detail());

        PluginContract.Report ignoresA = PluginContract.activation(new ScaledTanh(1, 1), Hyperparameters.empty());
        assertFailsOnly(ignoresA, check);
        assertTrue(check(ignoresA, check).detail().startsWith("with a=1.5: gradient check: max relative error"),
                check(ignoresA, check).detail());

        PluginContract.Report forgetsA = PluginContract.activation(new ScaledTanh(1, 2), Hyperparameters.empty());
        assertFailsOnly(forgetsA, check);
        assertTrue(check(forgetsA, check).detail().startsWith("with a=1.5: hyperparameters() {} recreate it"),
                check(forgetsA, check).detail());
        // Given a = 2, the checks run there, and the moved one at 3.
        assertEquals("a=3.0", check(PluginContract.activation(new ScaledTanh(1, 0), Hyperparameters.of("a", 2.0)),
                check).detail());
    }

    @Test
    void aReluIsCheckedAwayFromItsKink() {
        Elementwise relu = new Elementwise("good_relu", x -> Math.max(0, x), x -> x > 0 ? 1 : 0, false);
        PluginContract.Report report = PluginContract.activation(relu, Hyperparameters.empty());
        assertTrue(report.passed(), report.toString());
    }

    /**
     * Softsign computing ranges, optionally wrongly: forward (1, 2) or backward (3, 4) off by one ulp above
     * 0.5, or writing one element too many; or overriding the blocks wrongly: a forward block from each row's
     * start instead of its {@code from} (5), a backward block that skips its last row (6).
     */
    private static final class RangedSoftsign extends ElementwiseActivation implements ActivationProvider {
        private final int mistake;

        RangedSoftsign(int mistake) {
            super("ranged_softsign");
            this.mistake = mistake;
        }

        @Override
        public Activation create(Hyperparameters hyperparameters) {
            return this;
        }

        @Override
        protected void forward(float[] x, float[] y) {
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] / (1 + Math.abs(x[i]));
            }
        }

        @Override
        public boolean computesRanges() {
            return true;
        }

        @Override
        public void forwardRange(float[] x, float[] y, int from, int to) {
            int end = mistake == 2 && from < to ? Math.min(to + 1, x.length) : to;
            for (int i = from; i < end; i++) {
                y[i] = x[i] / (1 + Math.abs(x[i]));
                if (mistake == 1 && x[i] > 0.5f) {
                    y[i] = Math.nextUp(y[i]);
                }
            }
        }

        @Override
        protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
            for (int i = 0; i < x.length; i++) {
                float d = 1 + Math.abs(x[i]);
                dx[i] = dy[i] / (d * d);
            }
        }

        @Override
        public void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            int end = mistake == 4 && from < to ? Math.min(to + 1, x.length) : to;
            for (int i = from; i < end; i++) {
                float d = 1 + Math.abs(x[i]);
                dx[i] = dy[i] / (d * d);
                if (mistake == 3 && x[i] > 0.5f) {
                    dx[i] = Math.nextUp(dx[i]);
                }
            }
        }

        @Override
        public void forwardBlock(float[] x, float[] y, int offset, int rows, int stride, int from, int to) {
            super.forwardBlock(x, y, offset, rows, stride, mistake == 5 ? 0 : from, to);
        }

        @Override
        public void backwardBlock(float[] x, float[] y, float[] dy, float[] dx, int offset, int rows, int stride,
                                  int from, int to) {
            super.backwardBlock(x, y, dy, dx, offset, mistake == 6 ? rows - 1 : rows, stride, from, to);
        }
    }

    @Test
    void anActivationComputingRangesIsCheckedToGiveTheWholeArrayBitsInsideItsRangeOrBlockOnly() {
        PluginContract.Report good = PluginContract.activation(new RangedSoftsign(0), Hyperparameters.empty());
        assertTrue(good.passed(), good.toString());
        assertEquals(9, good.checks().size(), good.toString());
        String check = "ranges give the whole-array bits";
        for (int mistake = 1; mistake <= 6; mistake++) {
            PluginContract.Report bad = PluginContract.activation(new RangedSoftsign(mistake), Hyperparameters.empty());
            assertFailsOnly(bad, check);
            String detail = check(bad, check).detail();
            String expected = switch (mistake) {
                case 1 -> "by forwardRange(";
                case 3 -> "by backwardRange(";
                case 6 -> "by backwardBlock(";
                default -> "outside the elements it was given";
            };
            assertTrue(detail.contains(expected), "mistake " + mistake + ": " + detail);
        }
    }

    @Test
    void aWrongDerivativeFailsTheGradientCheck() {
        Elementwise wrong = new Elementwise("bad_tanh", Math::tanh, x -> 1 - Math.tanh(x), false);
        PluginContract.Report report = PluginContract.activation(wrong, Hyperparameters.empty());
        assertFailsOnly(report, "gradient check on [-5, 5]");
    }

    @Test
    void aNaiveFormulaThatOverflowsFailsOnExtremeInputs() {
        // e^x / (1 + e^x) is inf/inf = NaN for x = 100 in double too once x > 709, and for 1e4 here.
        Elementwise naive = new Elementwise("naive_sigmoid", x -> Math.exp(x) / (1 + Math.exp(x)),
                x -> Math.exp(x) / ((1 + Math.exp(x)) * (1 + Math.exp(x))), false);
        PluginContract.Report report = PluginContract.activation(naive, Hyperparameters.empty());
        assertFailsOnly(report, "finite on extreme inputs");
    }

    @Test
    void aBackwardThatAccumulatesIntoDxFails() {
        Elementwise s = stableSigmoid();
        Elementwise accumulating = new Elementwise("accumulating", s.f(), s.df(), true);
        PluginContract.Report report = PluginContract.activation(accumulating, Hyperparameters.empty());
        assertFalse(report.passed());
        assertFalse(check(report, "backward overwrites dx").passed(), report.toString());
    }

    @Test
    void anActivationThatMixesRowsFails() {
        // Normalises by the mean over the whole batch instead of per row.
        ActivationProvider batchMean = new ActivationProvider() {
            @Override
            public String name() {
                return "batch_centered";
            }

            @Override
            public Activation create(Hyperparameters hyperparameters) {
                return new Activation() {
                    @Override
                    public String name() {
                        return "batch_centered";
                    }

                    @Override
                    public void forward(Tensor x, Tensor y) {
                        double mean = 0;
                        for (float v : x.data()) {
                            mean += v;
                        }
                        mean /= x.size();
                        for (int i = 0; i < x.size(); i++) {
                            y.data()[i] = (float) (x.data()[i] - mean);
                        }
                    }

                    @Override
                    public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                        double mean = 0;
                        for (float v : dy.data()) {
                            mean += v;
                        }
                        mean /= dy.size();
                        for (int i = 0; i < x.size(); i++) {
                            dx.data()[i] = (float) (dy.data()[i] - mean);
                        }
                    }
                };
            }
        };
        PluginContract.Report report = PluginContract.activation(batchMean, Hyperparameters.empty());
        assertFailsOnly(report, "rows are independent of the batch");
    }

    @Test
    void anActivationWhoseNameDiffersFromItsProviderStopsAtTheFirstCheck() {
        Elementwise s = stableSigmoid();
        ActivationProvider misnamed = new ActivationProvider() {
            @Override
            public String name() {
                return "other_name";
            }

            @Override
            public Activation create(Hyperparameters hyperparameters) {
                return s;
            }
        };
        PluginContract.Report report = PluginContract.activation(misnamed, Hyperparameters.empty());
        assertEquals(1, report.checks().size());
        assertFalse(report.passed());
        assertTrue(report.checks().get(0).detail().contains("'good_sigmoid'"), report.toString());

        // An alias (swish creating silu) is fine when the name its activation carries is registered.
        PluginContract.Report alias = PluginContract.activation(misnamed, Hyperparameters.empty(), "good_sigmoid"::equals);
        assertTrue(alias.passed(), alias.toString());
        assertEquals("an alias of 'good_sigmoid', the name saved models use", alias.checks().get(0).detail());
    }

    // ------------------------------------------------------------ losses

    /** Mean squared error over all elements, rejecting mismatched shapes; optionally with a wrong gradient. */
    private record Mse(String name, double gradientScale, boolean checkShapes) implements LossProvider, Loss {
        @Override
        public Loss create(Hyperparameters hyperparameters) {
            return this;
        }

        @Override
        public double value(Tensor prediction, Tensor target) {
            if (checkShapes && !prediction.sameShape(target)) {
                throw new IllegalArgumentException(name + ": target shape " + Arrays.toString(target.shape())
                        + " does not match prediction shape " + Arrays.toString(prediction.shape()));
            }
            double sum = 0;
            for (int i = 0; i < prediction.size(); i++) {
                double d = (double) prediction.data()[i] - target.data()[i];
                sum += d * d;
            }
            return sum / prediction.size();
        }

        @Override
        public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
            value(prediction, target);
            for (int i = 0; i < prediction.size(); i++) {
                gradient.data()[i] = (float) (gradientScale * 2 * (prediction.data()[i] - target.data()[i]) / prediction.size());
            }
        }
    }

    @Test
    void aCorrectLossPassesEveryCheck() {
        PluginContract.Report report = PluginContract.loss(new Mse("good_mse", 1, true), Hyperparameters.empty());
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void aLossWithAWrongGradientFailsTheGradientCheck() {
        PluginContract.Report report = PluginContract.loss(new Mse("half_mse", 0.5, true), Hyperparameters.empty());
        assertFailsOnly(report, "gradient check");
    }

    @Test
    void aLossThatDoesNotCheckShapesFails() {
        PluginContract.Report report = PluginContract.loss(new Mse("unchecked_mse", 1, false), Hyperparameters.empty());
        PluginContract.Check shapes = check(report, "rejects mismatched shapes");
        assertFalse(shapes.passed(), report.toString());
    }

    @Test
    void aLossReducedNeitherByMeanNorBySumFailsTheReductionCheck() {
        Mse mse = new Mse("squared_mse", 1, true);
        // (mean squared error)², with its correct gradient 2·mse·∇mse: differentiable, but not a per-sample mean.
        LossProvider squared = new LossProvider() {
            @Override
            public String name() {
                return "squared_mse";
            }

            @Override
            public Loss create(Hyperparameters hyperparameters) {
                return new Loss() {
                    @Override
                    public String name() {
                        return "squared_mse";
                    }

                    @Override
                    public double value(Tensor prediction, Tensor target) {
                        double m = mse.value(prediction, target);
                        return m * m;
                    }

                    @Override
                    public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
                        double m = mse.value(prediction, target);
                        mse.gradient(prediction, target, gradient);
                        for (int i = 0; i < gradient.size(); i++) {
                            gradient.data()[i] *= (float) (2 * m);
                        }
                    }
                };
            }
        };
        PluginContract.Report report = PluginContract.loss(squared, Hyperparameters.empty());
        assertFailsOnly(report, "is the mean or the sum over the batch");
    }

    @Test
    void aSummedLossPassesAndIsReportedAsASum() {
        Mse mse = new Mse("summed", 1, true);
        LossProvider summed = new LossProvider() {
            @Override
            public String name() {
                return "summed";
            }

            @Override
            public Loss create(Hyperparameters hyperparameters) {
                return new Loss() {
                    @Override
                    public String name() {
                        return "summed";
                    }

                    @Override
                    public double value(Tensor prediction, Tensor target) {
                        return mse.value(prediction, target) * prediction.size();
                    }

                    @Override
                    public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
                        mse.gradient(prediction, target, gradient);
                        for (int i = 0; i < gradient.size(); i++) {
                            gradient.data()[i] *= prediction.size();
                        }
                    }
                };
            }
        };
        PluginContract.Report report = PluginContract.loss(summed, Hyperparameters.empty());
        assertTrue(report.passed(), report.toString());
        assertEquals("sum", check(report, "is the mean or the sum over the batch").detail());
    }

    // ------------------------------------------------------------ optimizers

    /** SGD with momentum (PyTorch's rule) whose state can be broken on purpose. */
    private static final class Momentum implements OptimizerProvider {
        private final String name;
        private final double sign;
        private final boolean restoresState;

        Momentum(String name, double sign, boolean restoresState) {
            this.name = name;
            this.sign = sign;
            this.restoresState = restoresState;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<HyperparameterSpec> hyperparameterSpecs() {
            return List.of(HyperparameterSpec.required("lr", HyperparameterSpec.Type.NUMBER, "learning rate"),
                    HyperparameterSpec.number("momentum", 0.9, "momentum factor"));
        }

        @Override
        public Optimizer create(List<Parameter> parameters, Hyperparameters h) {
            double momentum = h.getDouble("momentum", 0.9);
            List<Parameter> params = List.copyOf(parameters);
            Map<Integer, float[]> buffers = new HashMap<>();
            double[] lr = {h.getDouble("lr", Double.NaN)};
            return new Optimizer() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Parameter> parameters() {
                    return params;
                }

                @Override
                public void step() {
                    for (int p = 0; p < params.size(); p++) {
                        float[] v = params.get(p).value().data();
                        float[] g = params.get(p).gradient().data();
                        float[] b = buffers.get(p);
                        if (b == null) {
                            b = g.clone();
                            buffers.put(p, b);
                        } else {
                            for (int i = 0; i < v.length; i++) {
                                b[i] = (float) (momentum * b[i] + g[i]);
                            }
                        }
                        for (int i = 0; i < v.length; i++) {
                            v[i] -= (float) (sign * lr[0] * b[i]);
                        }
                    }
                }

                @Override
                public double learningRate() {
                    return lr[0];
                }

                @Override
                public void setLearningRate(double learningRate) {
                    lr[0] = learningRate;
                }

                @Override
                public OptimizerState state() {
                    Map<String, Tensor> tensors = new HashMap<>();
                    buffers.forEach((p, b) -> tensors.put(p + ".momentum_buffer", Tensor.of(b.clone(), b.length)));
                    return new OptimizerState(tensors, Map.of("lr", lr[0]));
                }

                @Override
                public void loadState(OptimizerState state) {
                    lr[0] = state.scalar("lr");
                    if (restoresState) {
                        state.tensors().forEach((k, t) -> buffers.put(Integer.parseInt(k.split("\\.")[0]), t.data().clone()));
                    }
                }
            };
        }
    }

    @Test
    void aCorrectOptimizerPassesEveryCheckWithARequiredLearningRateFilledIn() {
        PluginContract.Report report = PluginContract.optimizer(new Momentum("good_momentum", 1, true), Hyperparameters.empty());
        assertTrue(report.passed(), report.toString());
        assertTrue(report.checks().get(0).name().contains("lr=0.01"), report.toString());
    }

    @Test
    void anOptimizerThatClimbsFailsTheConvexProblem() {
        PluginContract.Report report = PluginContract.optimizer(new Momentum("ascent", -1, true),
                Hyperparameters.of("lr", 0.001));
        assertFalse(check(report, "decreases the loss of a convex least-squares problem").passed(), report.toString());
    }

    @Test
    void anOptimizerThatForgetsItsStateFailsTheResumeCheck() {
        PluginContract.Report report = PluginContract.optimizer(new Momentum("forgetful", 1, false), Hyperparameters.empty());
        assertFailsOnly(report, "state() and loadState() resume bitwise");
    }

    // ------------------------------------------------------------ helpers

    // ------------------------------------------------------------------ layers

    @Test
    void theBuiltInLayersPassEveryCheck() {
        dev.hebb.plugin.PluginRegistry registry = dev.hebb.plugin.Plugins.registry();
        PluginContract.Report dense = PluginContract.layer(registry.layerProvider("dense"), Hyperparameters.of("units", 3),
                registry);
        assertTrue(dense.passed(), dense.toString());
        assertEquals(9, dense.checks().size(), dense.toString());   // the two of buffers included, passing as "no buffers"
        PluginContract.Report activation = PluginContract.layer(registry.layerProvider("activation"),
                Hyperparameters.of("name", "test_sigmoid"), registry);
        assertTrue(activation.passed(), activation.toString());
        assertEquals("no parameters", check(activation, "parameter gradients start from zero at every step").detail());
        assertEquals("no parameters",
                check(activation, "gradient check with the parameters moved off their initial values").detail());
    }

    /**
     * A scale-by-weight layer {@code y = w ⊙ x}; mistake 1: backward writes into the gradient array it kept from
     * its first call (the optimizer's next {@code gradient()} then clears what it wrote); mistake 2: its
     * {@code outputShape} claims one feature more than forward gives; mistake 3: its weight starts at 1, as a layer
     * normalisation's γ does, and backward leaves it out of {@code dx}, which is right only while it is 1. Its buffer
     * {@code seen} counts training passes; mistake 4: inference passes too; 5: the buffer is named {@code weight}, as
     * the parameter; 6: the buffer is the weight's tensor; 7: {@code buffers()} gives a new copy on every call.
     */
    private static final class Scale implements dev.hebb.layer.Layer, dev.hebb.plugin.LayerProvider {
        private final int mistake;
        private final Parameter w = new Parameter("weight", Tensor.full(0.5f, 5));
        private final Tensor seen = Tensor.zeros(1);
        private Tensor lastInput;
        private float[] kept;

        Scale(int mistake) {
            this.mistake = mistake;
            for (int i = 0; i < 5; i++) {
                w.value().data()[i] = mistake == 3 ? 1f : 0.3f + 0.2f * i;
            }
        }

        @Override
        public String name() {
            return "scale";
        }

        @Override
        public dev.hebb.layer.Layer create(Hyperparameters h, dev.hebb.plugin.LayerContext context) {
            return new Scale(mistake);
        }

        @Override
        public String type() {
            return "scale";
        }

        @Override
        public Hyperparameters hyperparameters() {
            return Hyperparameters.empty();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return mistake == 2 ? new int[] {inputShape[0] + 1} : inputShape.clone();
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            if (training || mistake == 4) {
                seen.data()[0]++;
            }
            lastInput = input.copy();
            Tensor y = input.copy();
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] *= w.value().data()[i % 5];
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            if (kept == null || mistake != 1) {
                kept = w.gradient().data();
            }
            Tensor dx = gradOutput.copy();
            for (int i = 0; i < dx.size(); i++) {
                kept[i % 5] += gradOutput.data()[i] * lastInput.data()[i];
                if (mistake != 3) {
                    dx.data()[i] *= w.value().data()[i % 5];
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w);
        }

        @Override
        public java.util.Map<String, Tensor> buffers() {
            return switch (mistake) {
                case 5 -> java.util.Map.of("weight", seen);
                case 6 -> java.util.Map.of("shadow", w.value());
                case 7 -> java.util.Map.of("seen", seen.copy());
                default -> java.util.Map.of("seen", seen);
            };
        }
    }

    private static final String BUFFERS_NAMED = "buffers are named apart from the parameters and are none of them";
    private static final String BUFFERS_KEPT = "an inference pass leaves the buffers unchanged";

    @Test
    void aLayerWithWellBehavedBuffersPassesTheBufferChecks() {
        PluginContract.Report good = PluginContract.layer(new Scale(0), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        assertTrue(good.passed(), good.toString());
        assertEquals("1 buffers [seen]", check(good, BUFFERS_NAMED).detail());
        assertEquals("1 buffers unchanged", check(good, BUFFERS_KEPT).detail());
    }

    @Test
    void aLayerUpdatingABufferInAnInferencePassIsNamed() {
        PluginContract.Report report = PluginContract.layer(new Scale(4), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        assertFailsOnly(report, BUFFERS_KEPT);
        assertTrue(check(report, BUFFERS_KEPT).detail().startsWith("buffer 'seen' changed in a forward pass with"
                + " training=false (element 0: "), report.toString());
    }

    @Test
    void aBufferNamedLikeAParameterOrHoldingItsTensorOrNewOnEveryCallIsNamed() {
        dev.hebb.plugin.PluginRegistry registry = dev.hebb.plugin.Plugins.registry();
        PluginContract.Report named = PluginContract.layer(new Scale(5), Hyperparameters.empty(), registry);
        assertFailsOnly(named, BUFFERS_NAMED);
        assertEquals("buffer 'weight' has the name of a parameter; both are saved by name, so one would overwrite the"
                + " other", check(named, BUFFERS_NAMED).detail());

        PluginContract.Report shared = PluginContract.layer(new Scale(6), Hyperparameters.empty(), registry);
        assertFalse(check(shared, BUFFERS_NAMED).passed(), shared.toString());
        assertEquals("buffer 'shadow' is parameter 'weight''s tensor; a buffer is not learnable, so it needs a tensor of"
                + " its own", check(shared, BUFFERS_NAMED).detail());

        PluginContract.Report copies = PluginContract.layer(new Scale(7), Hyperparameters.empty(), registry);
        assertFailsOnly(copies, BUFFERS_NAMED);
        assertTrue(check(copies, BUFFERS_NAMED).detail().startsWith("buffer 'seen' is another tensor on a second"
                + " buffers() call"), copies.toString());
    }

    @Test
    void aLayerKeepingItsGradientArrayOrMisstatingItsShapeIsNamed() {
        dev.hebb.plugin.PluginRegistry registry = dev.hebb.plugin.Plugins.registry();
        PluginContract.Report good = PluginContract.layer(new Scale(0), Hyperparameters.empty(), registry);
        assertTrue(good.passed(), good.toString());

        PluginContract.Report keeps = PluginContract.layer(new Scale(1), Hyperparameters.empty(), registry);
        PluginContract.Check step = check(keeps, "parameter gradients start from zero at every step");
        assertFalse(step.passed(), keeps.toString());
        assertTrue(step.detail().contains("an array kept from an earlier gradient() call"), step.detail());

        PluginContract.Report shape = PluginContract.layer(new Scale(2), Hyperparameters.empty(), registry);
        assertFailsOnly(shape, "outputShape agrees with forward");
        assertEquals("outputShape([5]) is [6] but forward of a batch of 4 gives [4, 5]",
                check(shape, "outputShape agrees with forward").detail());
    }

    @Test
    void aBackwardThatIgnoresAWeightInitialisedToOneFailsWithTheParametersMoved() {
        PluginContract.Report report = PluginContract.layer(new Scale(3), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        assertFailsOnly(report, "gradient check with the parameters moved off their initial values");
        assertTrue(check(report, "gradient check on [-5, 5]").passed(), report.toString());
    }

    // --------------------------------------------------------------- schedules

    /**
     * lr = base·(1 − decay·epoch): mistake 1 counts its calls instead of reading the epoch (as a PyTorch
     * scheduler's {@code step()} does), so a resumed run would get other rates; mistake 2 does not stop at zero,
     * which the default decay never reaches within the checked epochs but a larger one does.
     */
    private static final class LinearDecay extends dev.hebb.plugin.DescribedProvider
            implements dev.hebb.plugin.ScheduleProvider {
        private final int mistake;

        LinearDecay(int mistake) {
            super("linear_decay", "lr = baseLr·(1 − decay·epoch)", HyperparameterSpec.number("decay", 0.004, "per epoch"));
            this.mistake = mistake;
        }

        @Override
        public dev.hebb.optim.LearningRateSchedule create(Hyperparameters h, dev.hebb.plugin.PluginRegistry registry) {
            double decay = h.getDouble("decay", 0.004);
            int[] calls = {0};
            return (epoch, base) -> {
                int e = mistake == 1 ? calls[0]++ : epoch;
                double factor = 1 - decay * e;
                return base * (mistake == 2 ? factor : Math.max(factor, 0));
            };
        }
    }

    @Test
    void aScheduleThatIsAFunctionOfTheEpochPassesEveryCheck() {
        PluginContract.Report report = PluginContract.schedule(new LinearDecay(0), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        assertTrue(report.passed(), report.toString());
        assertEquals(4, report.checks().size(), report.toString());
        assertEquals("decay=0.006", check(report, "the same with each number hyperparameter moved").detail());
    }

    @Test
    void aScheduleThatCountsItsCallsFailsAsAResumedRunWould() {
        PluginContract.Report report = PluginContract.schedule(new LinearDecay(1), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        PluginContract.Check pure = check(report, "a function of the epoch alone");
        assertFalse(pure.passed(), report.toString());
        assertTrue(pure.detail().startsWith("learningRate(199, 0.001) is 2.0399999999999997E-4 when the epochs are asked"
                + " in order but 0.001 on call 1 when they are asked from the last"), pure.detail());
    }

    @Test
    void aScheduleThatTurnsNegativeAtAnotherSettingFailsTheMovedCheck() {
        PluginContract.Report report = PluginContract.schedule(new LinearDecay(2), Hyperparameters.empty(),
                dev.hebb.plugin.Plugins.registry());
        assertFailsOnly(report, "the same with each number hyperparameter moved");
        assertTrue(check(report, "the same with each number hyperparameter moved").detail()
                .startsWith("with decay=0.006: learningRate(167, 0.001) is -"), report.toString());
        PluginContract.Report negative = PluginContract.schedule(new LinearDecay(2), Hyperparameters.of("decay", 0.01),
                dev.hebb.plugin.Plugins.registry());
        assertFalse(check(negative, "finite, non-negative learning rates").passed(), negative.toString());
    }

    private static PluginContract.Check check(PluginContract.Report report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report));
    }

    private static void assertFailsOnly(PluginContract.Report report, String name) {
        List<String> failed = new ArrayList<>();
        report.checks().stream().filter(c -> !c.passed()).forEach(c -> failed.add(c.name()));
        assertEquals(List.of(name), failed, report.toString());
    }
}
