package dev.hebb.train;

/**
 * One trained batch.
 *
 * @param epoch   the 0-based epoch index
 * @param batch   the 0-based batch index within the epoch
 * @param batches the number of batches in the epoch
 * @param samples the number of samples in this batch (the last one may be smaller)
 * @param loss    the batch's loss as the loss reduces it (a mean over the batch by default)
 */
public record BatchMetrics(int epoch, int batch, int batches, int samples, double loss) {
}
