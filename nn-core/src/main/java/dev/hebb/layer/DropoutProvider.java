package dev.hebb.layer;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import java.util.List;

/**
 * The {@code dropout} layer plugin: a {@link Dropout} layer, as PyTorch's {@code nn.Dropout}, over inputs of any
 * shape. Hyperparameter: {@code p} (the drop probability in [0, 1), default 0.5). Its mask seed is drawn from the
 * context's generator, so it follows the model's seed.
 */
public final class DropoutProvider implements LayerProvider {

    private static final List<HyperparameterSpec> HYPERPARAMETERS = List.of(
            HyperparameterSpec.number("p", Dropout.DEFAULT_P,
                    "the probability of zeroing an element in a training pass, in [0, 1)"));

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String description() {
        return "In training, y = m·x/(1 − p) with each m 0 with probability p, else 1 (a reproducible counter-based"
                + " mask); in inference y = x, as PyTorch's nn.Dropout.";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return HYPERPARAMETERS;
    }

    /** Checks the keys and that {@code p} is in [0, 1), so that a config is refused before any layer is built. */
    @Override
    public void checkHyperparameters(Hyperparameters hyperparameters) {
        LayerProvider.super.checkHyperparameters(hyperparameters);
        Dropout.checkP(hyperparameters.getDouble("p", Dropout.DEFAULT_P));
    }

    @Override
    public Layer create(Hyperparameters hyperparameters, LayerContext context) {
        return new Dropout(hyperparameters.getDouble("p", Dropout.DEFAULT_P), context.random().nextLong());
    }
}
