package dev.hebb.loss;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;

/**
 * A loss over a batch, already reduced (mean over the batch unless configured otherwise), and its
 * gradient with respect to the prediction.
 *
 * <p>Targets are either class ids (a {@code [batch]} tensor of whole numbers) for losses that
 * {@linkplain #takesClassLabels() take class labels}, or values of the prediction's shape. A class loss may
 * also accept rows of class probabilities {@code [batch, classes]} ({@code cross_entropy} does); the
 * trainer's accuracy then takes each row's arg-max as the true class.
 */
public interface Loss {

    /** The registered name, e.g. {@code cross_entropy}. */
    String name();

    /** The hyperparameters that recreate this loss through its provider. */
    default Hyperparameters hyperparameters() {
        return Hyperparameters.empty();
    }

    /**
     * The reduced loss value, accumulated in double.
     *
     * @throws IllegalArgumentException naming the loss and the expected and actual shape or value when
     *                                  prediction and target do not match
     */
    double value(Tensor prediction, Tensor target);

    /** Writes dValue/dPrediction into {@code gradient} (same shape as the prediction, overwritten). */
    void gradient(Tensor prediction, Tensor target, Tensor gradient);

    /** Both at once; losses override it when the two share work (softmax in cross-entropy). */
    default double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
        gradient(prediction, target, gradient);
        return value(prediction, target);
    }

    /** Whether targets are class ids (cross-entropy, NLL, hinge) rather than values. */
    default boolean takesClassLabels() {
        return false;
    }
}
