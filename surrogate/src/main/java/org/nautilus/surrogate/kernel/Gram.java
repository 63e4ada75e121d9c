package org.nautilus.surrogate.kernel;

/**
 * A kernel over a fixed set of points, for the O(n^2) passes of a likelihood evaluation: the rows of the
 * kernel matrix, and the gradient {@code sum_ij w_ij d k(x_i, x_j) / d theta} accumulated row by row.
 * From {@link Kernel#gram}; the default ({@link ByPair}) calls the kernel pair by pair, while Matérn-5/2
 * and {@link Scaled} hold the points' coordinates as columns and loop over them with the column index
 * innermost, which the JIT compiles to vector instructions. Not thread-safe: one per thread (its
 * accumulators are its own); the results depend only on the rows given and their order.
 */
public interface Gram {
  /** {@code out[j] = k(x_i, x_j)} for j in [0, i]: the same numbers as {@link Kernel#value}. */
  void row(int i, double[] out);

  /**
   * Accumulates, for every log-hyperparameter q, {@code sum_{j <= i} weights[j] d k(x_i, x_j) / d theta_q}
   * and {@code sum_{j <= i} weights[j] k(x_i, x_j)} (the latter for {@link Scaled}'s variance).
   */
  void accumulate(int i, double[] weights);

  /** Adds the accumulated gradient (in {@link Kernel#parameterNames()} order) to {@code gradient[offset + q]}. */
  void addGradientTo(double[] gradient, int offset);

  /** The accumulated {@code sum weights[j] k(x_i, x_j)} over all rows given to {@link #accumulate}. */
  double weightedValues();

  /** Pair by pair through {@link Kernel#valueAndGradient}, for any kernel. */
  final class ByPair implements Gram {
    private final Kernel kernel;
    private final double[][] points;
    private final double[] gradient;
    private double weightedValues;

    ByPair(Kernel kernel, double[][] points) {
      this.kernel = kernel;
      this.points = points;
      this.gradient = new double[kernel.parameterCount()];
    }

    @Override
    public void row(int i, double[] out) {
      double[] a = points[i];
      for (int j = 0; j <= i; j++) {
        out[j] = kernel.value(a, points[j]);
      }
    }

    @Override
    public void accumulate(int i, double[] weights) {
      double[] a = points[i];
      for (int j = 0; j <= i; j++) {
        weightedValues += weights[j] * kernel.valueAndGradient(a, points[j], weights[j], gradient, 0);
      }
    }

    @Override
    public void addGradientTo(double[] out, int offset) {
      for (int q = 0; q < gradient.length; q++) {
        out[offset + q] += gradient[q];
      }
    }

    @Override
    public double weightedValues() {
      return weightedValues;
    }
  }
}
