/**
 * Layers: the {@link dev.hebb.layer.Layer} contract with its {@link dev.hebb.layer.Parameter}s, the
 * built-in {@link dev.hebb.layer.Dense} and {@link dev.hebb.layer.ActivationLayer} (published as the
 * {@code dense} and {@code activation} layer plugins), and {@link dev.hebb.layer.Sequential} models
 * whose parameter names match PyTorch's {@code state_dict()}.
 */
package dev.hebb.layer;
