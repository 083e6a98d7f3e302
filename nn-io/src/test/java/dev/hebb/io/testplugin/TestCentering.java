package dev.hebb.io.testplugin;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only layer {@code test_centering} with a buffer, for [batch, features] inputs: {@code y = x − μ + bias}, where
 * μ is the batch's per-feature mean in training (which also moves the buffer {@code running_mean} halfway towards
 * it) and {@code running_mean} in inference. A batch norm without the variance: enough to prove that buffers are
 * saved, loaded and resumed with the weights. Registered in test resources.
 */
public final class TestCentering implements LayerProvider {

    @Override
    public String name() {
        return "test_centering";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of();
    }

    @Override
    public Layer create(Hyperparameters hyperparameters, LayerContext context) {
        return new Centering(context.inputShape()[0]);
    }

    private static final class Centering implements Layer {
        private final int features;
        private final Parameter bias;
        private final Tensor runningMean;
        private Tensor output;
        private Tensor gradInput;

        Centering(int features) {
            this.features = features;
            this.bias = new Parameter("bias", Tensor.zeros(features));
            this.runningMean = Tensor.zeros(features);
        }

        @Override
        public String type() {
            return "test_centering";
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
            int n = input.dim(0);
            if (output == null || output.dim(0) != n) {
                output = Tensor.zeros(input.shape());
            }
            float[] x = input.data();
            float[] y = output.data();
            float[] b = bias.value().data();
            float[] running = runningMean.data();
            for (int j = 0; j < features; j++) {
                float mean;
                if (training) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += x[i * features + j];
                    }
                    mean = (float) (sum / n);
                    running[j] = 0.5f * running[j] + 0.5f * mean;
                } else {
                    mean = running[j];
                }
                for (int i = 0; i < n; i++) {
                    y[i * features + j] = x[i * features + j] - mean + b[j];
                }
            }
            return output;
        }

        /** The training pass's derivative (the batch mean depends on the input): dx = g − mean over the batch of g. */
        @Override
        public Tensor backward(Tensor gradOutput) {
            int n = gradOutput.dim(0);
            if (gradInput == null || gradInput.dim(0) != n) {
                gradInput = Tensor.zeros(gradOutput.shape());
            }
            float[] g = gradOutput.data();
            float[] dx = gradInput.data();
            float[] db = bias.gradient().data();
            for (int j = 0; j < features; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += g[i * features + j];
                }
                db[j] += (float) sum;
                for (int i = 0; i < n; i++) {
                    dx[i * features + j] = g[i * features + j] - (float) (sum / n);
                }
            }
            return gradInput;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(bias);
        }

        @Override
        public Map<String, Tensor> buffers() {
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            buffers.put("running_mean", runningMean);
            return buffers;
        }
    }
}
