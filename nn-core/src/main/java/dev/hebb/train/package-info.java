/**
 * Training: in-memory {@link dev.hebb.train.Dataset}s, the mini-batch {@link dev.hebb.train.Trainer}
 * with its immutable {@link dev.hebb.train.TrainingConfig}, per-batch and per-epoch
 * {@link dev.hebb.train.TrainingListener}s (progress, checkpoints, {@link dev.hebb.train.EarlyStopping})
 * and the metrics they receive.
 */
package dev.hebb.train;
