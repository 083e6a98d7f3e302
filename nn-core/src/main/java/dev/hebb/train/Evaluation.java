package dev.hebb.train;

import java.util.OptionalDouble;

/**
 * A model's loss and accuracy on a data set.
 *
 * @param loss     the mean loss over the samples
 * @param accuracy the fraction of samples whose arg-max prediction equals the class label, present when
 *                 the loss takes class labels
 * @param samples  the number of samples evaluated
 */
public record Evaluation(double loss, OptionalDouble accuracy, int samples) {
}
