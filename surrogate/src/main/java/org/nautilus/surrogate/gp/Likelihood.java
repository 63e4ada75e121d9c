package org.nautilus.surrogate.gp;

import org.nautilus.surrogate.kernel.Gram;
import org.nautilus.surrogate.kernel.Kernel;

/**
 * The log marginal likelihood of standardized observations and its gradient with respect to the
 * log-hyperparameters ({@link Hyperparameters#vector()}):
 * {@code L = -y^T alpha / 2 - sum ln L_ii - n ln(2 pi) / 2} and
 * {@code dL/dtheta_j = tr((alpha alpha^T - K^-1) dK/dtheta_j) / 2}, accumulated over all pairs in one
 * pass ({@link Kernel#gram}, {@link Gram#accumulate}) so that the cost is one inverse plus O(n^2 p), not p
 * matrix products.
 */
public final class Likelihood {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private Likelihood() {}

  /** A value and its gradient (in {@link Hyperparameters#vector()} order). */
  public record Evaluation(double value, double[] gradient) {}

  /**
   * Of {@code y} (already standardized) at inputs {@code x} under {@code h}.
   *
   * @throws DegenerateDataException if the kernel matrix is not positive definite even with jitter
   */
  public static Evaluation evaluate(double[][] x, double[] y, Hyperparameters h) {
    return evaluate(x, y, h, null);
  }

  /** As {@link #evaluate(double[][], double[], Hyperparameters)}, also handing out the factor in {@code factor[0]}. */
  static Evaluation evaluate(double[][] x, double[] y, Hyperparameters h, KernelMatrix.Factor[] factor) {
    int n = x.length;
    Kernel kernel = h.kernel();
    double noise = h.noiseVariance();
    KernelMatrix.Factor f = KernelMatrix.factor(KernelMatrix.of(x, kernel), n, noise);
    double[] l = f.lower();
    if (factor != null) {
      factor[0] = f;
    }
    double[] alpha = y.clone();
    Cholesky.solve(l, n, alpha);
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += y[i] * alpha[i];
    }
    double value = -0.5 * fit - Cholesky.halfLogDeterminant(l, n) - 0.5 * n * LOG_2PI;
    double[][] inverse = Cholesky.inverseLowerRows(l, n);
    int p = kernel.parameterCount();
    // rows in a fixed number of chunks, each with its own sums, added in chunk order: the same numbers
    // whether or not the chunks run in parallel
    int chunks = n >= Cholesky.PARALLEL_FROM ? KernelMatrix.CHUNKS : 1;
    int[] bounds = Cholesky.triangleChunks(n, chunks);
    double[][] partial = new double[chunks][p];
    Cholesky.forEach(chunks, chunks > 1, c -> {
      Gram gram = kernel.gram(x);
      double[] weights = new double[n];
      for (int i = bounds[c]; i < bounds[c + 1]; i++) {
        double[] inv = inverse[i];
        double a = alpha[i];
        // W = alpha alpha^T - K^-1 is symmetric: each off-diagonal pair counts twice, halved by the 1/2
        for (int j = 0; j < i; j++) {
          weights[j] = a * alpha[j] - inv[j];
        }
        weights[i] = 0.5 * (a * a - inv[i]);
        gram.accumulate(i, weights);
      }
      gram.addGradientTo(partial[c], 0);
    });
    double[] gradient = new double[p + 1];
    for (double[] g : partial) {
      for (int q = 0; q < p; q++) {
        gradient[q] += g[q];
      }
    }
    double alphaSquared = 0;
    double trace = 0;
    for (int i = 0; i < n; i++) {
      alphaSquared += alpha[i] * alpha[i];
      trace += inverse[i][i];
    }
    gradient[p] = 0.5 * noise * (alphaSquared - trace);
    return new Evaluation(value, gradient);
  }
}
