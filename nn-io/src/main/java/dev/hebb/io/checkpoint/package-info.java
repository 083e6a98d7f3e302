/** Model directories: {@code model.json} + {@code weights.safetensors} (+ optimizer state for resuming). */
package dev.hebb.io.checkpoint;
