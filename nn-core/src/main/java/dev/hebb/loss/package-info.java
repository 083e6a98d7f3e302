/** The {@link dev.hebb.loss.Loss} contract; implementations are plugins. */
package dev.hebb.loss;
