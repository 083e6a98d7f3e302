package dev.hebb.losses;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/** A loss's name, its hyperparameters (so it can be recreated) and its reduction. */
abstract class AbstractLoss implements Loss {

    final String name;
    final Hyperparameters hyperparameters;
    final Reduction reduction;
    private final boolean classLabels;

    /** A loss whose targets are values of the prediction's shape. */
    AbstractLoss(String name, Hyperparameters hyperparameters, Reduction reduction) {
        this(name, hyperparameters, reduction, false);
    }

    /** A loss whose targets are class ids when {@code classLabels}, else values of the prediction's shape. */
    AbstractLoss(String name, Hyperparameters hyperparameters, Reduction reduction, boolean classLabels) {
        this.name = name;
        // A reduction other than "mean" is always stated (half_sse sums by default), so that callers
        // reading hyperparameters().get("reduction") (the Trainer, to report per-sample losses) see it.
        this.hyperparameters = reduction != Reduction.MEAN && !hyperparameters.has("reduction")
                ? hyperparameters.with("reduction", reduction.id) : hyperparameters;
        this.reduction = reduction;
        this.classLabels = classLabels;
    }

    @Override
    public final boolean takesClassLabels() {
        return classLabels;
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
     * For a loss summing one term per element: fails unless target and prediction have the same non-empty
     * shape, and returns the factor the reduction applies to the sum (the batch is the first dimension).
     */
    final double elementwiseScale(Tensor prediction, Tensor target) {
        Shapes.sameShape(name, prediction, target);
        return reduction.scale(prediction.size(), prediction.rank() == 0 ? 1 : prediction.dim(0));
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
