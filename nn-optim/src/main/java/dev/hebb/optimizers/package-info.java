/**
 * The built-in optimizers ({@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad}),
 * each a {@link dev.hebb.plugin.OptimizerProvider} found by name.
 *
 * <p>Every update follows {@code torch.optim} 1.13's single-tensor implementation ({@code foreach=False})
 * operation by operation in float32: scalars are rounded to float as PyTorch's kernels round them, and
 * where PyTorch's vectorised CPU kernels fuse a multiply and an add ({@code add_(x, alpha=a)},
 * {@code addcmul_}) the update uses {@link java.lang.Math#fma(float, float, float)} so that weights
 * match PyTorch's on an x86-64 CPU with FMA bit for bit, not merely to a tolerance. Each parameter is
 * updated in one pass over its arrays.
 *
 * <p>State is exported with PyTorch's buffer names: {@code <parameter index>.<buffer>} tensors
 * ({@code 0.momentum_buffer}, {@code 0.exp_avg}, {@code 0.exp_avg_sq}, {@code 0.max_exp_avg_sq},
 * {@code 0.square_avg}, {@code 0.grad_avg}, {@code 0.sum}), {@code <parameter index>.step} scalars,
 * and the scalar {@code lr}.
 */
package dev.hebb.optimizers;
