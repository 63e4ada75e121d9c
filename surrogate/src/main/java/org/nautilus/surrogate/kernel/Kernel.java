package org.nautilus.surrogate.kernel;

import java.util.List;

/**
 * A positive semi-definite covariance function over fixed-length input vectors, with hyperparameters
 * in log space. Immutable: {@link #withParameters} returns a new kernel of the same structure.
 */
public sealed interface Kernel permits Matern52, Rbf, Overlap, Scaled, Sum, Product {
  /** Number of hyperparameters. */
  int parameterCount();

  /** The log-hyperparameters, in {@link #parameterNames()} order; a new array. */
  double[] parameters();

  /** The same kernel with these log-hyperparameters (length {@link #parameterCount()}). */
  Kernel withParameters(double[] logParameters);

  /** Lowest allowed value of each log-hyperparameter. */
  double[] lowerBounds();

  /** Highest allowed value of each log-hyperparameter. */
  double[] upperBounds();

  /** Names of the hyperparameters, e.g. {@code matern52.lengthscale[3]}. */
  List<String> parameterNames();

  /** The covariance of {@code a} and {@code b}. */
  double value(double[] a, double[] b);

  /**
   * {@code out[i] = value(rows[i], b)} for every row: the same numbers as {@link #value}, in one call, so
   * that a prediction over many candidates does not pay a virtual call per pair.
   */
  default void values(double[][] rows, double[] b, double[] out) {
    for (int i = 0; i < rows.length; i++) {
      out[i] = value(rows[i], b);
    }
  }

  /**
   * Adds {@code weight * d value(a, b) / d theta_j} to {@code gradient[offset + j]} for every
   * log-hyperparameter {@code theta_j}. Accumulating lets a likelihood gradient cost one pass over pairs.
   */
  void addGradient(double[] a, double[] b, double weight, double[] gradient, int offset);

  /**
   * {@link #addGradient} then {@link #value}, in one call so that a kernel can share the work of the two
   * (Matérn-5/2 computes its distance and exponential once); the same numbers as the two calls.
   */
  default double valueAndGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    addGradient(a, b, weight, gradient, offset);
    return value(a, b);
  }

  /**
   * This kernel over {@code points} (not copied; not to be changed while in use), for kernel matrices and
   * likelihood gradients row by row. The default goes pair by pair; kernels with a vectorized form
   * override it.
   */
  default Gram gram(double[][] points) {
    return new Gram.ByPair(this, points);
  }

  /** Matérn-5/2 with ARD over {@code dims} inputs (indices 0..dims-1), unit variance, length-scales 1. */
  static Matern52 matern52(int dims) {
    return Matern52.of(Dims.range(0, dims));
  }

  /** {@code variance * inner}, the usual way to give a correlation kernel its signal variance. */
  static Scaled scaled(Kernel inner, double variance) {
    return Scaled.of(inner, variance);
  }
}
