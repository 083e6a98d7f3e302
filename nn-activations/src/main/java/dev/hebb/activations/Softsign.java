package dev.hebb.activations;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;

/** Softsign, {@code softsign}: {@code f(x) = x/(1 + |x|)}, {@code f'(x) = 1/(1 + |x|)²}. */
public final class Softsign extends ElementwiseActivation implements ActivationProvider {

    /** The provider instance ServiceLoader creates; also a ready activation. */
    public Softsign() {
        super("softsign");
    }

    @Override
    public String description() {
        return "softsign, f(x) = x / (1 + |x|)";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Softsign();
    }

    @Override
    protected void forward(float[] x, float[] y) {
        int i = VectorLoops.on(this) ? Lanes.softsign(x, y) : 0;
        for (; i < x.length; i++) {
            y[i] = (float) Functions.softsign(x[i]);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx) {
        int i = VectorLoops.on(this) ? Lanes.softsignBackward(x, dy, dx) : 0;
        for (; i < x.length; i++) {
            dx[i] = (float) Functions.softsignBackward(x[i], dy[i]);
        }
    }
}
