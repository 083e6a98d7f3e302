/**
 * The built-in learning-rate schedules ({@code step}, {@code exponential}, {@code cosine},
 * {@code warmup}), each a {@link dev.hebb.plugin.ScheduleProvider} found by name. Each is the closed
 * form of the PyTorch scheduler it names, evaluated per epoch (epoch 0 uses the base rate, as a freshly
 * constructed PyTorch scheduler does).
 */
package dev.hebb.schedules;
