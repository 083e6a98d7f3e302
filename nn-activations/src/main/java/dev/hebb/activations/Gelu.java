package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import java.util.List;

/**
 * The Gaussian error linear unit, {@code gelu} (Hendrycks and Gimpel, 2016).
 *
 * <ul>
 *   <li>{@code approximate = "none"} (default): {@code f(x) = x·Φ(x) = x/2·(1 + erf(x/√2))},
 *       {@code f'(x) = Φ(x) + x·φ(x)} with φ the standard normal density.</li>
 *   <li>{@code approximate = "tanh"}: {@code f(x) = x/2·(1 + tanh(u))}, {@code u = √(2/π)(x + 0.044715x³)},
 *       computed as the identical {@code x·σ(2u)}; {@code f'(x) = σ(2u) + x·2σ'(2u)·√(2/π)(1 + 0.134145x²)}.</li>
 * </ul>
 *
 * <p>Φ is a polynomial 1/2 + x·P(x²) for |x| ≤ 2.5 (within 2.2e-14 relative) and beyond is evaluated through
 * e^{−x²/2}·erfcx on the side where it is small, so the far negative tail keeps its relative precision:
 * gelu(−10) = −7.6e-23, not 0.
 */
public final class Gelu extends ElementwiseActivation implements ActivationProvider {

    private final boolean tanhForm;

    /** The provider instance ServiceLoader creates; also a ready activation (exact form). */
    public Gelu() {
        this("none");
    }

    private Gelu(String approximate) {
        super("gelu");
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw Checks.invalid("gelu", "approximate", "\"none\" or \"tanh\"", "\"" + approximate + "\"");
        }
        this.tanhForm = approximate.equals("tanh");
    }

    @Override
    public String description() {
        return "Gaussian error linear unit, f(x) = x * Phi(x) = x/2 * (1 + erf(x / sqrt(2))); approximate = \"tanh\""
                + " uses x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return List.of(HyperparameterSpec.string("approximate", "none", "\"none\" for the exact erf form, \"tanh\" for"
                + " the tanh approximation"));
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Gelu(hyperparameters.getString("approximate", "none"));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("approximate", tanhForm ? "tanh" : "none");
    }

    @Override
    protected void forward(float[] x, float[] y) {
        if (tanhForm) {
            int i = VectorLoops.on(this) ? Lanes.geluTanh(x, y) : 0;
            for (; i < x.length; i++) {
                y[i] = (float) Functions.geluTanh(x[i]);
            }
        } else {
            int i = VectorLoops.on(this) ? Lanes.gelu(x, y) : 0;
            for (; i < x.length; i++) {
                y[i] = (float) Functions.gelu(x[i]);
            }
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        if (tanhForm) {
            int i = VectorLoops.on(this) ? Lanes.geluTanhBackward(x, dy, dx) : 0;
            for (; i < x.length; i++) {
                dx[i] = (float) (dy[i] * Functions.geluTanhDerivative(x[i]));
            }
        } else {
            int i = VectorLoops.on(this) ? Lanes.geluBackward(x, dy, dx) : 0;
            for (; i < x.length; i++) {
                dx[i] = (float) (dy[i] * Functions.geluDerivative(x[i]));
            }
        }
    }
}
