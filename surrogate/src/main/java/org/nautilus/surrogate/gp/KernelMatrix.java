package org.nautilus.surrogate.gp;

import org.nautilus.surrogate.kernel.Gram;
import org.nautilus.surrogate.kernel.Kernel;

/** Kernel matrices and their Cholesky factors with adaptive jitter. */
final class KernelMatrix {
  /** Jitter tried after a failed factorization, relative to the mean diagonal, each ten times the last. */
  static final double FIRST_JITTER = 1e-10;
  /** Largest relative jitter before the data is declared degenerate. */
  static final double LAST_JITTER = 1e-4;

  private KernelMatrix() {}

  /** The factor and the absolute jitter that was added to the diagonal to get it. */
  record Factor(double[] lower, double jitter) {}

  /** {@code k(x_i, x_j)} for all pairs, full and symmetric, row-major. */
  static double[] of(double[][] x, Kernel kernel) {
    int n = x.length;
    double[] k = new double[n * n];
    int chunks = n >= Cholesky.PARALLEL_FROM ? CHUNKS : 1;
    int[] bounds = Cholesky.triangleChunks(n, chunks);
    // each row i writes (i, j) and (j, i) for j <= i only: rows are independent
    Cholesky.forEach(chunks, chunks > 1, c -> {
      Gram gram = kernel.gram(x);
      double[] row = new double[n];
      for (int i = bounds[c]; i < bounds[c + 1]; i++) {
        gram.row(i, row);
        System.arraycopy(row, 0, k, i * n, i + 1);
        for (int j = 0; j < i; j++) {
          k[j * n + i] = row[j];
        }
      }
    });
    return k;
  }

  /** Row ranges of a large kernel matrix (and of the likelihood's gradient pass) run as parallel tasks. */
  static final int CHUNKS = 8;

  /**
   * Cholesky factor of {@code k + noise I}, adding jitter {@code 0, 1e-10, 1e-9, ... 1e-4} times the
   * mean diagonal until it is positive definite.
   *
   * @throws DegenerateDataException if even the largest jitter fails or an entry is not finite
   */
  static Factor factor(double[] k, int n, double noise) {
    double diagonal = 0;
    for (int i = 0; i < n; i++) {
      diagonal += k[i * n + i];
    }
    diagonal = diagonal / n + noise;
    if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
      throw new DegenerateDataException("kernel matrix has mean diagonal " + diagonal + "; expected > 0 and finite");
    }
    double[] a = new double[n * n];
    for (double jitter = 0; ; jitter = jitter == 0 ? FIRST_JITTER * diagonal : jitter * 10) {
      if (jitter > LAST_JITTER * diagonal * 1.0001) {
        throw new DegenerateDataException("kernel matrix of " + n + " points is not positive definite even with"
            + " jitter " + LAST_JITTER + " x its mean diagonal (duplicate points with no noise, or non-finite"
            + " hyperparameters)");
      }
      System.arraycopy(k, 0, a, 0, a.length);
      for (int i = 0; i < n; i++) {
        a[i * n + i] += noise + jitter;
      }
      if (Cholesky.factor(a, n)) {
        return new Factor(a, jitter);
      }
    }
  }
}
