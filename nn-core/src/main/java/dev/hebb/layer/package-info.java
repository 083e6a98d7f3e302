/**
 * Layers: the {@link dev.hebb.layer.Layer} contract with its {@link dev.hebb.layer.Parameter}s, the
 * built-in {@link dev.hebb.layer.Dense}, {@link dev.hebb.layer.ActivationLayer} and {@link dev.hebb.layer.Dropout}
 * (published as the {@code dense}, {@code activation} and {@code dropout} layer plugins), and {@link dev.hebb.layer.Sequential} models
 * whose parameter names match PyTorch's {@code state_dict()}.
 */
package dev.hebb.layer;
