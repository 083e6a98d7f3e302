/**
 * Runnable examples of Hebb on real data, each a small class with a {@code main} that uses only the
 * public API: {@link dev.hebb.examples.Xor}, {@link dev.hebb.examples.SineRegression},
 * {@link dev.hebb.examples.Digits}, {@link dev.hebb.examples.Iris}, {@link dev.hebb.examples.FashionMnist},
 * {@link dev.hebb.examples.ThirdPartyPlugin} and {@link dev.hebb.examples.LibraryUse}. The tests of this
 * module run them and assert the accuracy each one promises.
 */
package dev.hebb.examples;
