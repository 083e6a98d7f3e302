/**
 * {@link dev.hebb.gradcheck.GradientCheck}: finite-difference verification of any layer, activation
 * or loss, for the project's tests and for plugin authors'.
 */
package dev.hebb.gradcheck;
