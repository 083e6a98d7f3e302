package dev.hebb.optim;

import dev.hebb.layer.Parameter;
import java.util.List;

/**
 * Gradient clipping with PyTorch's semantics ({@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}), applied between backward and the optimizer step.
 */
public final class GradientClipping {

    /** Added to the total norm before dividing, as PyTorch does, so a zero gradient never divides by zero. */
    private static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm}:
     * {@code total = √(Σ_p Σ_i g_pi²)} (accumulated in double), {@code scale = maxNorm / (total + 1e-6)},
     * and every gradient is multiplied by {@code scale} only when {@code scale < 1}.
     *
     * @return the total norm before clipping
     * @throws IllegalArgumentException when {@code maxNorm} is not a positive finite number
     * @throws ArithmeticException      naming the first parameter whose gradient is not finite, when the
     *                                  total norm is not finite (clipping it would only spread NaNs)
     */
    public static double clipGradNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm needs a positive finite maxNorm, got " + maxNorm);
        }
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            for (float g : p.gradient().data()) {
                sumOfSquares += (double) g * g;
            }
        }
        double total = Math.sqrt(sumOfSquares);
        if (!Double.isFinite(total)) {
            throw new ArithmeticException("cannot clip the gradient norm: it is " + total + " because the gradient of "
                    + firstNonFinite(parameters) + " is not finite");
        }
        double scale = maxNorm / (total + EPSILON);
        if (scale < 1) {
            float s = (float) scale;
            for (Parameter p : parameters) {
                float[] g = p.gradient().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= s;
                }
            }
        }
        return total;
    }

    /**
     * Clamps every gradient element into {@code [−clipValue, clipValue]}.
     *
     * @throws IllegalArgumentException when {@code clipValue} is not a positive finite number
     */
    public static void clipGradValue(List<Parameter> parameters, double clipValue) {
        if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clipGradValue needs a positive finite clipValue, got " + clipValue);
        }
        float hi = (float) clipValue;
        float lo = -hi;
        for (Parameter p : parameters) {
            float[] g = p.gradient().data();
            for (int i = 0; i < g.length; i++) {
                // Math.min/max keep NaN, as torch.clamp does; the trainer's loss check catches it earlier.
                g[i] = Math.max(lo, Math.min(hi, g[i]));
            }
        }
    }

    private static String firstNonFinite(List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            for (float g : parameters.get(i).gradient().data()) {
                if (!Float.isFinite(g)) {
                    return "parameter " + i + " (" + parameters.get(i).name() + ")";
                }
            }
        }
        // Finite elements whose squares overflow double cannot occur (float max² < double max).
        return "an unknown parameter";
    }
}
