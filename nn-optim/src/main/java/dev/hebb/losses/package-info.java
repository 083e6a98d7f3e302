/**
 * The built-in losses, each a {@link dev.hebb.plugin.LossProvider} found by name: {@code mse},
 * {@code half_sse}, {@code l1}, {@code huber}, {@code smooth_l1}, {@code cross_entropy}, {@code nll},
 * {@code bce}, {@code bce_with_logits}, {@code kl_div}, {@code hinge}.
 *
 * <p>Values and reductions are PyTorch's ({@code torch.nn.functional}). Every loss takes
 * {@code reduction}: {@code "mean"} (the default; over all elements for element-wise losses, over the
 * batch for the class losses) or {@code "sum"}; {@code kl_div} also takes {@code "batchmean"}. Sums run
 * in double; gradients are the derivative of the reduced value and overwrite the gradient tensor.
 * Mismatched shapes and invalid labels fail with a sentence naming the loss, what was expected and
 * what was given.
 */
package dev.hebb.losses;
