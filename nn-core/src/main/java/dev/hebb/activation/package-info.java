/** The {@link dev.hebb.activation.Activation} contract; implementations are plugins. */
package dev.hebb.activation;
