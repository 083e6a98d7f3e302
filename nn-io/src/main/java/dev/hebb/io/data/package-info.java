/**
 * Datasets from files: CSV (streamed, with named target columns and class names), IDX (MNIST format)
 * and NumPy {@code .npy}, with feature normalisation fitted on the training split.
 */
package dev.hebb.io.data;
