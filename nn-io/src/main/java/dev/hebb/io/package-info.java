/**
 * Hebb's file formats: run configs ({@link dev.hebb.io.config}), safetensors weights
 * ({@link dev.hebb.io.safetensors}), model directories and checkpoints ({@link dev.hebb.io.checkpoint}) and
 * datasets ({@link dev.hebb.io.data}). Jackson does all JSON and CSV; nn-core never sees it.
 */
package dev.hebb.io;
