package dev.hebb.testplugin;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LossProvider;
import dev.hebb.tensor.Tensor;

/** Test-only mean squared error, L = (1/N)·Σ(p−t)², dL/dp = 2(p−t)/N over all N elements. */
public final class TestMseProvider implements LossProvider {

    @Override
    public String name() {
        return "test_mse";
    }

    @Override
    public Loss create(Hyperparameters hyperparameters) {
        return new Loss() {
            @Override
            public String name() {
                return "test_mse";
            }

            @Override
            public double value(Tensor prediction, Tensor target) {
                float[] p = prediction.data();
                float[] t = target.data();
                double sum = 0;
                for (int i = 0; i < p.length; i++) {
                    double d = (double) p[i] - t[i];
                    sum += d * d;
                }
                return sum / p.length;
            }

            @Override
            public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
                float[] p = prediction.data();
                float[] t = target.data();
                float[] g = gradient.data();
                for (int i = 0; i < p.length; i++) {
                    g[i] = (float) (2.0 * (p[i] - t[i]) / p.length);
                }
            }
        };
    }
}
