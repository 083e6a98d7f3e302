package dev.hebb.testplugin;

import dev.hebb.activation.Activation;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/** Test-only logistic sigmoid, σ(x) = 1/(1+e^−x), σ' = σ(1−σ); registered in test resources. */
public final class TestSigmoidProvider implements ActivationProvider {

    @Override
    public String name() {
        return "test_sigmoid";
    }

    @Override
    public Activation create(Hyperparameters hyperparameters) {
        return new Activation() {
            @Override
            public String name() {
                return "test_sigmoid";
            }

            @Override
            public void forward(Tensor x, Tensor y) {
                float[] xd = x.data();
                float[] yd = y.data();
                for (int i = 0; i < xd.length; i++) {
                    yd[i] = (float) (1.0 / (1.0 + Math.exp(-xd[i])));
                }
            }

            @Override
            public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                float[] yd = y.data();
                float[] g = dy.data();
                float[] out = dx.data();
                for (int i = 0; i < yd.length; i++) {
                    out[i] = g[i] * yd[i] * (1 - yd[i]);
                }
            }
        };
    }
}
