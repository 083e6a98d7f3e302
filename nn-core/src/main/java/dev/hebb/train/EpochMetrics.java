package dev.hebb.train;

import java.util.OptionalDouble;

/**
 * What one epoch achieved. Losses are means over samples; accuracies (fractions in {@code [0, 1]}) exist
 * only when the loss takes class labels, validation values only when there is a validation set.
 *
 * @param epoch              the 0-based epoch index
 * @param trainLoss          the mean training loss over the epoch's samples, measured during training
 * @param trainAccuracy      the fraction of training samples whose arg-max prediction was right
 * @param validationLoss     the mean validation loss after the epoch
 * @param validationAccuracy the validation accuracy after the epoch
 * @param learningRate       the learning rate used during the epoch
 * @param seconds            the wall-clock time of the epoch, validation included
 */
public record EpochMetrics(int epoch, double trainLoss, OptionalDouble trainAccuracy, OptionalDouble validationLoss,
                           OptionalDouble validationAccuracy, double learningRate, double seconds) {
}
