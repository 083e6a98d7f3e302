package dev.hebb.example.plugin;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation over the batch for {@code [batch, features]} inputs, as PyTorch's {@code BatchNorm1d}:
 * {@code y = γ·(x − μ)/√(σ² + eps) + β} per feature, with learnable {@code weight} γ (initially 1) and {@code bias}
 * β (initially 0).
 *
 * <ul>
 *   <li>Training pass: μ and σ² are the batch's mean and biased variance (divided by n), and the buffers move towards
 *       them: {@code running_mean ← (1 − momentum)·running_mean + momentum·μ}, {@code running_var ← (1 −
 *       momentum)·running_var + momentum·σ²·n/(n − 1)} (the unbiased variance, as PyTorch).</li>
 *   <li>Inference pass: μ and σ² are {@code running_mean} (initially 0) and {@code running_var} (initially 1), which
 *       it leaves unchanged.</li>
 * </ul>
 * Hyperparameters: {@code eps} (default 1e-5) and {@code momentum} (default 0.1). The running statistics are
 * {@linkplain Layer#buffers() buffers}: saved with the weights under {@code <index>.running_mean} and {@code
 * <index>.running_var}, never stepped by an optimizer. (PyTorch's third buffer, {@code num_batches_tracked}, only
 * serves {@code momentum=None}, which this layer does not offer, so it is not kept.)
 *
 * <p>One class plus one services line, as every Hebb plugin: this class is the provider ServiceLoader creates, and
 * its nested {@code Layer} the layer.
 */
public final class BatchNorm implements LayerProvider {

    static final double DEFAULT_EPS = 1e-5;
    static final double DEFAULT_MOMENTUM = 0.1;

    @Override
    public String name() {
        return "batch_norm";
    }

    @Override
    public String description() {
        return "y = weight·(x − mean)/sqrt(var + eps) + bias per feature, with the batch's statistics in training"
                + " (which update running_mean and running_var) and the running ones in inference";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.number("eps", DEFAULT_EPS, "added to the variance for stability, > 0"),
                HyperparameterSpec.number("momentum", DEFAULT_MOMENTUM,
                        "weight of the batch's statistics in the running ones, in [0, 1]"));
    }

    /**
     * A batch norm for the per-sample shape {@code [features]} of {@code context}.
     *
     * @throws IllegalArgumentException when eps is not positive, momentum not in [0, 1], or the input is not flat
     */
    @Override
    public Layer create(Hyperparameters hyperparameters, LayerContext context) {
        double eps = hyperparameters.getDouble("eps", DEFAULT_EPS);
        double momentum = hyperparameters.getDouble("momentum", DEFAULT_MOMENTUM);
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("batch_norm: eps must be a positive number, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch_norm: momentum must be between 0 and 1, got " + momentum);
        }
        int[] shape = context.inputShape();
        if (shape.length != 1) {
            throw new IllegalArgumentException("batch_norm normalises flat samples [features], got shape "
                    + Arrays.toString(shape));
        }
        return new Norm(shape[0], eps, momentum);
    }

    /** The layer: its parameters, buffers and the last pass's values that backward needs. */
    private static final class Norm implements Layer {
        private final int features;
        private final double eps;
        private final double momentum;
        private final Parameter weight;
        private final Parameter bias;
        private final Tensor runningMean;
        private final Tensor runningVar;
        private final Map<String, Tensor> buffers;
        /** The last forward pass's 1/√(σ² + eps) per feature, and whether it used the batch's statistics. */
        private final double[] invStd;
        private boolean batchStatistics;
        /** The last forward pass's normalised input x̂, its output, and backward's input gradient, per batch size. */
        private Tensor normalized;
        private Tensor output;
        private Tensor gradInput;

        Norm(int features, double eps, double momentum) {
            this.features = features;
            this.eps = eps;
            this.momentum = momentum;
            this.weight = new Parameter("weight", Tensor.full(1f, features));
            this.bias = new Parameter("bias", Tensor.zeros(features));
            this.runningMean = Tensor.zeros(features);
            this.runningVar = Tensor.full(1f, features);
            Map<String, Tensor> named = new LinkedHashMap<>();
            named.put("running_mean", runningMean);
            named.put("running_var", runningVar);
            this.buffers = Collections.unmodifiableMap(named);
            this.invStd = new double[features];
        }

        @Override
        public String type() {
            return "batch_norm";
        }

        @Override
        public Hyperparameters hyperparameters() {
            return Hyperparameters.of("eps", eps, "momentum", momentum);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length != 1 || inputShape[0] != features) {
                throw new IllegalArgumentException("batch_norm expects samples of shape [" + features + "], got "
                        + Arrays.toString(inputShape));
            }
            return inputShape.clone();
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            int n = input.dim(0);
            if (training && n < 2) {
                // As PyTorch: the variance of one sample is 0 and its unbiased estimate undefined.
                throw new IllegalArgumentException("batch_norm needs more than 1 sample per feature in a training"
                        + " batch, got " + n);
            }
            if (output == null || output.dim(0) != n) {
                output = Tensor.zeros(n, features);
                normalized = Tensor.zeros(n, features);
            }
            float[] x = input.data();
            float[] xhat = normalized.data();
            float[] y = output.data();
            float[] g = weight.value().data();
            float[] b = bias.value().data();
            float[] rm = runningMean.data();
            float[] rv = runningVar.data();
            batchStatistics = training;
            for (int j = 0; j < features; j++) {
                double mean;
                double var;
                if (training) {
                    // In double, a fixed order: the design's rule for sums over a batch.
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += x[i * features + j];
                    }
                    mean = sum / n;
                    double squares = 0;
                    for (int i = 0; i < n; i++) {
                        double d = x[i * features + j] - mean;
                        squares += d * d;
                    }
                    var = squares / n;
                    rm[j] = (float) ((1 - momentum) * rm[j] + momentum * mean);
                    rv[j] = (float) ((1 - momentum) * rv[j] + momentum * squares / (n - 1));
                } else {
                    mean = rm[j];
                    var = rv[j];
                }
                double inv = 1 / Math.sqrt(var + eps);
                invStd[j] = inv;
                for (int i = 0; i < n; i++) {
                    int k = i * features + j;
                    double h = (x[k] - mean) * inv;
                    xhat[k] = (float) h;
                    y[k] = (float) (g[j] * h + b[j]);
                }
            }
            return output;
        }

        /**
         * dβ = Σ g, dγ = Σ g·x̂, and, after a training pass (μ and σ² depend on every input of the batch),
         * dx = γ·inv/n·(n·g − Σ g − x̂·Σ g·x̂); after an inference pass, dx = γ·inv·g.
         */
        @Override
        public Tensor backward(Tensor gradOutput) {
            int n = gradOutput.dim(0);
            if (gradInput == null || gradInput.dim(0) != n) {
                gradInput = Tensor.zeros(n, features);
            }
            float[] dy = gradOutput.data();
            float[] xhat = normalized.data();
            float[] dx = gradInput.data();
            float[] g = weight.value().data();
            float[] dg = weight.gradient().data();
            float[] db = bias.gradient().data();
            for (int j = 0; j < features; j++) {
                double sum = 0;
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    int k = i * features + j;
                    sum += dy[k];
                    dot += (double) dy[k] * xhat[k];
                }
                db[j] += (float) sum;
                dg[j] += (float) dot;
                double scale = g[j] * invStd[j];
                for (int i = 0; i < n; i++) {
                    int k = i * features + j;
                    dx[k] = (float) (batchStatistics ? scale * (dy[k] - sum / n - xhat[k] * dot / n) : scale * dy[k]);
                }
            }
            return gradInput;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight, bias);
        }

        @Override
        public Map<String, Tensor> buffers() {
            return buffers;
        }
    }
}
