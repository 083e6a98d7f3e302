package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.layer.Parameter;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Parametric ReLU, {@code prelu} (He et al., 2015): {@code f(x) = x if x > 0 else a_c·x} with a learnable
 * slope {@code a_c} per feature {@code c} (or one shared slope); {@code ∂f/∂x = 1 if x > 0 else a_c} (a_c at
 * 0, as in PyTorch) and {@code ∂f/∂a_c = 0 if x > 0 else x}, summed over the batch and positions.
 *
 * <p>As in PyTorch's {@code nn.PReLU}, the slopes are the {@link Parameter} named {@code weight} of shape
 * {@code [numParameters]}, initialised to {@code init}; the features are dimension 1 of the batch (the first
 * per-sample dimension), so for an input {@code [N, C, ...]} {@code numParameters} is 1 or {@code C}.
 */
public final class Prelu implements Activation {

    private final int numParameters;
    private final double init;
    private final Parameter weight;

    /**
     * A PReLU with {@code numParameters} slopes (1 or the number of features), each {@code init}.
     *
     * @throws IllegalArgumentException naming {@code prelu} and the parameter when one is invalid
     */
    public Prelu(int numParameters, double init) {
        if (numParameters < 1) {
            throw Checks.invalid("prelu", "numParameters", "at least 1 (one shared slope) or the number of features",
                    numParameters);
        }
        this.numParameters = numParameters;
        this.init = Checks.finite("prelu", "init", init);
        this.weight = new Parameter("weight", Tensor.full((float) init, numParameters));
    }

    @Override
    public String name() {
        return "prelu";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("numParameters", numParameters, "init", init);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public void checkInputShape(int[] sampleShape) {
        if (numParameters == 1) {
            return;
        }
        int features = sampleShape.length == 0 ? 1 : sampleShape[0];
        if (features != numParameters) {
            throw new IllegalArgumentException("prelu: hyperparameter 'numParameters' is " + numParameters
                    + " but the input has " + features + " features (per-sample shape " + Arrays.toString(sampleShape)
                    + "); use 1 or " + features);
        }
    }

    @Override
    public void forward(Tensor x, Tensor y) {
        requireShape(x, y, "output");
        int channels = channels(x);
        int inner = channels == 0 ? 0 : x.size() / ((x.rank() == 0 ? 1 : x.dim(0)) * channels);
        float[] in = x.data();
        float[] out = y.data();
        float[] w = weight.value().data();
        int i = 0;
        while (i < in.length) {
            for (int c = 0; c < channels; c++) {
                double a = w[numParameters == 1 ? 0 : c];
                for (int end = i + inner; i < end; i++) {
                    float v = in[i];
                    out[i] = v > 0 ? v : Checks.saturate(a * v);
                }
            }
        }
    }

    @Override
    public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        requireShape(x, y, "output");
        requireShape(x, dy, "output gradient");
        requireShape(x, dx, "input gradient");
        int channels = channels(x);
        int inner = channels == 0 ? 0 : x.size() / ((x.rank() == 0 ? 1 : x.dim(0)) * channels);
        float[] in = x.data();
        float[] g = dy.data();
        float[] out = dx.data();
        float[] w = weight.value().data();
        double[] slopeGradient = new double[numParameters];
        int i = 0;
        while (i < in.length) {
            for (int c = 0; c < channels; c++) {
                int p = numParameters == 1 ? 0 : c;
                float a = w[p];
                double sum = 0;
                for (int end = i + inner; i < end; i++) {
                    float v = in[i];
                    if (v > 0) {
                        out[i] = g[i];
                    } else {
                        out[i] = g[i] * a;
                        sum += (double) v * g[i];
                    }
                }
                slopeGradient[p] += sum;
            }
        }
        float[] wg = weight.gradient().data();
        for (int p = 0; p < numParameters; p++) {
            wg[p] = Checks.saturate(wg[p] + slopeGradient[p]);
        }
    }

    /** The number of features of a batch (dimension 1; 1 below rank 2, as in PyTorch), checked against the slopes. */
    private int channels(Tensor x) {
        int channels = x.rank() < 2 ? 1 : x.dim(1);
        if (numParameters != 1 && channels != numParameters) {
            throw new IllegalArgumentException("prelu: hyperparameter 'numParameters' is " + numParameters
                    + " but the input has " + channels + " features (dimension 1 of input shape "
                    + Arrays.toString(x.shape()) + ")");
        }
        return x.size() == 0 ? 0 : channels;
    }

    private static void requireShape(Tensor x, Tensor other, String role) {
        if (!x.sameShape(other)) {
            throw new IllegalArgumentException("prelu: " + role + " shape " + Arrays.toString(other.shape())
                    + " differs from input shape " + Arrays.toString(x.shape()));
        }
    }

    @Override
    public String toString() {
        return "prelu" + hyperparameters();
    }
}
