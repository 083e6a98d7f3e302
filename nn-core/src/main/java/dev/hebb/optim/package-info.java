/**
 * Optimisation contracts: {@link dev.hebb.optim.Optimizer} with its saveable
 * {@link dev.hebb.optim.OptimizerState}, per-epoch {@link dev.hebb.optim.LearningRateSchedule}s, and
 * PyTorch-compatible {@link dev.hebb.optim.GradientClipping}. Implementations are plugins.
 */
package dev.hebb.optim;
