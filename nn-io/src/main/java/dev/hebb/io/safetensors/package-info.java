/** The safetensors weight format, byte-compatible with PyTorch's {@code safetensors} files. */
package dev.hebb.io.safetensors;
