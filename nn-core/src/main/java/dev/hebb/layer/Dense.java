package dev.hebb.layer;

import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.internal.kernel.Kernels;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer, {@code y = x·Wᵀ + b}, laid out as PyTorch's {@code nn.Linear}: weight
 * {@code [out, in]}, bias {@code [out]}. Inputs are {@code [batch, in]}.
 *
 * <p>Gradients: {@code dW += dyᵀ·x}, {@code db += Σ_batch dy}, {@code dx = dy·W}.
 */
public final class Dense implements Layer {

    private final int inputs;
    private final int outputs;
    private final boolean hasBias;
    private final Initializer initializer;
    private final Parameter weight;
    private final Parameter bias;
    private final BufferCache outputBuffers = new BufferCache();
    private final BufferCache inputGradients = new BufferCache();
    private Tensor lastInput;

    /**
     * A layer with {@code inputs} inputs and {@code outputs} outputs, initialised by
     * {@code initializer} from {@code random} (weight first, then bias, in row-major order).
     *
     * @throws IllegalArgumentException when a size is not positive
     */
    public Dense(int inputs, int outputs, boolean bias, Initializer initializer, RandomGenerator random) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("dense layer needs a positive number of inputs, got " + inputs);
        }
        if (outputs <= 0) {
            throw new IllegalArgumentException("dense layer needs a positive number of units, got " + outputs);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.hasBias = bias;
        this.initializer = initializer;
        float wb = (float) initializer.weightBound(inputs, outputs);
        this.weight = new Parameter("weight", Tensor.uniform(random, -wb, wb, outputs, inputs));
        float bb = (float) initializer.biasBound(inputs);
        this.bias = bias ? new Parameter("bias", bb == 0f ? Tensor.zeros(outputs) : Tensor.uniform(random, -bb, bb, outputs))
                : null;
    }

    /** A layer with PyTorch's default initialisation and a bias. */
    public Dense(int inputs, int outputs, RandomGenerator random) {
        this(inputs, outputs, true, Initializer.PYTORCH, random);
    }

    /** The weight, {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or {@code null} for a layer without bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Hyperparameters hyperparameters() {
        Hyperparameters h = Hyperparameters.of("units", outputs);
        if (!hasBias) {
            h = h.with("bias", false);
        }
        return initializer == Initializer.PYTORCH ? h : h.with("init", initializer.id());
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        checkFeatures(inputShape);
        return new int[] {outputs};
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        Tensor x = input;
        Tensor y = outputBuffers.get(input.dim(0), outputs);
        Ops.matmul(x, false, weight.value(), true, y, false);
        if (hasBias) {
            Ops.addRowVector(y, bias.value());
        }
        lastInput = x;
        return y;
    }

    /**
     * This layer's forward pass followed by {@code next}'s, fused: the bias and the activation are applied
     * to each block of the product as soon as it is computed (on the kernel thread that computed it), so
     * neither needs a pass of its own. Both layers are left exactly as by the two forward calls, with the
     * same bits, so their backward passes do not know the difference. Returns {@code next}'s output.
     */
    Tensor forwardFused(Tensor input, ActivationLayer next, ElementwiseActivation activation) {
        checkInput(input);
        int batch = input.dim(0);
        Tensor z = outputBuffers.get(batch, outputs);
        Tensor y = next.outputBuffer(z.shape());
        float[] yd = y.data();
        float[] b = hasBias ? bias.value().data() : null;
        Kernels.get().gemm(false, true, batch, outputs, inputs, input.data(), 0, weight.value().data(), 0,
                z.data(), 0, false, (c, offset, rows, ldc, from, to) -> {
                    if (b != null) {
                        for (int r = 0; r < rows; r++) {
                            int row = offset + r * ldc;
                            for (int j = from; j < to; j++) {
                                c[row + j] += b[j]; // as Ops.addRowVector: one float addition
                            }
                        }
                    }
                    activation.forwardBlock(c, yd, offset, rows, ldc, from, to);
                });
        lastInput = input;
        next.forwarded(z, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    /** Adds {@code dW} and {@code db}; computes {@code dx = dy·W} only when {@code inputGradient}. */
    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        parameterGradients(gradOutput);
        if (!inputGradient) {
            return null;
        }
        Tensor dx = inputGradients.get(gradOutput.dim(0), inputs);
        Ops.matmul(gradOutput, false, weight.value(), false, dx, false);
        return dx;
    }

    /**
     * This layer's backward pass followed by {@code previous}'s, fused: the activation's derivative is
     * applied to each block of {@code dx = dy·W} as soon as it is computed (on the kernel thread that computed
     * it), instead of in a pass of its own over the batch. Both layers' buffers get the bits of the two
     * backward calls. Returns {@code previous}'s input gradient.
     */
    Tensor backwardFused(Tensor gradOutput, ActivationLayer previous, ElementwiseActivation activation) {
        parameterGradients(gradOutput);
        int batch = gradOutput.dim(0);
        Tensor dx = inputGradients.get(batch, inputs);
        Tensor dz = previous.inputGradientBuffer(dx);
        float[] z = previous.lastInput().data();
        float[] a = previous.lastOutput().data();
        float[] dzd = dz.data();
        Kernels.get().gemm(false, false, batch, inputs, outputs, gradOutput.data(), 0, weight.value().data(), 0,
                dx.data(), 0, false, (c, offset, rows, ldc, from, to) ->
                        activation.backwardBlock(z, a, c, dzd, offset, rows, ldc, from, to));
        return dz;
    }

    /** Checks the output gradient and adds {@code dW} and {@code db}. */
    private void parameterGradients(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("dense layer: backward called before forward");
        }
        if (gradOutput.rank() != 2 || gradOutput.dim(0) != lastInput.dim(0) || gradOutput.dim(1) != outputs) {
            throw new IllegalArgumentException("dense layer expects an output gradient [" + lastInput.dim(0) + ", "
                    + outputs + "] but got " + Arrays.toString(gradOutput.shape()));
        }
        boolean accumulateWeight = !weight.overwritesGradient();
        Ops.matmul(gradOutput, true, lastInput, false, weight.gradient(), accumulateWeight);
        if (hasBias) {
            boolean accumulateBias = !bias.overwritesGradient();
            Ops.sumRows(gradOutput, bias.gradient(), accumulateBias);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return hasBias ? List.of(weight, bias) : List.of(weight);
    }

    private void checkInput(Tensor input) {
        if (input.rank() != 2 || input.dim(1) != inputs) {
            throw new IllegalArgumentException("dense layer expects input [batch, " + inputs + "] but got "
                    + Arrays.toString(input.shape()));
        }
    }

    private void checkFeatures(int[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != inputs) {
            throw new IllegalArgumentException("dense layer expects " + inputs + " input features but gets shape "
                    + Arrays.toString(inputShape));
        }
    }
}
