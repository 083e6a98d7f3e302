/**
 * Tensors: n-dimensional row-major {@code float} arrays ({@link dev.hebb.tensor.Tensor}), the bulk
 * operations on them ({@link dev.hebb.tensor.Ops}), and per-shape reusable buffers
 * ({@link dev.hebb.tensor.BufferCache}).
 */
package dev.hebb.tensor;
