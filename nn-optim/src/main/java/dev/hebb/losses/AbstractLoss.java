package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/** A loss's name, its hyperparameters (so it can be recreated) and its reduction. */
abstract class AbstractLoss implements Loss {

    final String name;
    final Hyperparameters hyperparameters;
    final Reduction reduction;

    AbstractLoss(String name, Hyperparameters hyperparameters, Reduction reduction) {
        this.name = name;
        // A reduction other than "mean" is always stated (half_sse sums by default), so that callers
        // reading hyperparameters().get("reduction") (the Trainer, to report per-sample losses) see it.
        this.hyperparameters = reduction != Reduction.MEAN && !hyperparameters.has("reduction")
                ? hyperparameters.with("reduction", reduction.id) : hyperparameters;
        this.reduction = reduction;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    @Override
    public final double value(Tensor prediction, Tensor target) {
        return compute(prediction, target, null);
    }

    @Override
    public final void gradient(Tensor prediction, Tensor target, Tensor gradient) {
        Shapes.gradient(name, prediction, gradient);
        compute(prediction, target, gradient.data());
    }

    @Override
    public final double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
        Shapes.gradient(name, prediction, gradient);
        return compute(prediction, target, gradient.data());
    }

    /**
     * Validates the inputs, returns the reduced value and, when {@code gradient} is not null, writes the
     * gradient of that value into it, in one pass.
     */
    abstract double compute(Tensor prediction, Tensor target, float[] gradient);

    @Override
    public String toString() {
        return name + hyperparameters;
    }
}
