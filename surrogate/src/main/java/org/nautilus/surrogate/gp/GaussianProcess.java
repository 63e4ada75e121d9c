package org.nautilus.surrogate.gp;

import java.util.Arrays;
import java.util.Objects;
import org.nautilus.surrogate.kernel.Kernel;

/**
 * A Gaussian-process posterior with fixed hyperparameters: observations standardized to zero mean and
 * unit variance, {@code K = k(X, X) + (noise + jitter) I = L L^T}, {@code alpha = K^-1 y}. Predictions
 * are of the latent function, in the units of the observations. Immutable; {@link #withObservation}
 * returns a new posterior in O(n^2).
 */
public final class GaussianProcess {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final double[][] x;
  private final double[] y;
  private final Hyperparameters hyperparameters;
  private final Standardization standardization;
  private final double[] lower;
  private final double jitter;
  private final double[] alpha;
  private final double logMarginalLikelihood;

  private GaussianProcess(double[][] x, double[] y, Hyperparameters hyperparameters, double[] lower, double jitter) {
    this.x = x;
    this.y = y;
    this.hyperparameters = hyperparameters;
    this.standardization = Standardization.of(y);
    this.lower = lower;
    this.jitter = jitter;
    int n = x.length;
    double[] z = standardization.apply(y);
    this.alpha = z.clone();
    Cholesky.solve(lower, n, alpha);
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += z[i] * alpha[i];
    }
    this.logMarginalLikelihood = -0.5 * fit - Cholesky.halfLogDeterminant(lower, n) - 0.5 * n * LOG_2PI;
  }

  /**
   * The posterior given observations {@code y} at inputs {@code x} (rows of equal length).
   *
   * @throws DegenerateDataException if there are no points, an observation is not finite, or the kernel
   *     matrix is not positive definite even with the largest jitter
   */
  public static GaussianProcess fit(double[][] x, double[] y, Hyperparameters hyperparameters) {
    Objects.requireNonNull(hyperparameters, "hyperparameters");
    double[][] inputs = checkInputs(x, y);
    double[] outputs = y.clone();
    Standardization.of(outputs); // rejects non-finite values before any work
    int n = inputs.length;
    KernelMatrix.Factor f = KernelMatrix.factor(KernelMatrix.of(inputs, hyperparameters.kernel()), n,
        hyperparameters.noiseVariance());
    return new GaussianProcess(inputs, outputs, hyperparameters, f.lower(), f.jitter());
  }

  /** The posterior from a factor already computed for these (checked) inputs and hyperparameters. */
  static GaussianProcess of(double[][] inputs, double[] outputs, Hyperparameters hyperparameters,
      KernelMatrix.Factor factor) {
    return new GaussianProcess(inputs, outputs, hyperparameters, factor.lower(), factor.jitter());
  }

  static double[][] checkInputs(double[][] x, double[] y) {
    if (x.length == 0) {
      throw new DegenerateDataException("a Gaussian process needs at least one observation, got none");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " inputs but " + y.length + " observations");
    }
    double[][] copy = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != x[0].length) {
        throw new IllegalArgumentException("input " + i + " has " + x[i].length + " features, input 0 has "
            + x[0].length);
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new DegenerateDataException("input " + i + " has a non-finite feature: " + Arrays.toString(x[i]));
        }
      }
      copy[i] = x[i].clone();
    }
    return copy;
  }

  /** Number of observations. */
  public int size() {
    return x.length;
  }

  public Hyperparameters hyperparameters() {
    return hyperparameters;
  }

  /** Absolute jitter added to the diagonal to make the kernel matrix positive definite (0 if none was needed). */
  public double jitter() {
    return jitter;
  }

  /** Log marginal likelihood of the standardized observations (as scikit-learn reports with normalize_y). */
  public double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /** The best (highest) observation. */
  public double maxObservation() {
    double best = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      best = Math.max(best, v);
    }
    return best;
  }

  /** The posterior at {@code point}. */
  public Prediction predict(double[] point) {
    int n = x.length;
    Kernel kernel = hyperparameters.kernel();
    double[] k = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      k[i] = kernel.value(x[i], point);
      mean += k[i] * alpha[i];
    }
    Cholesky.solveLower(lower, n, k);
    double explained = 0;
    for (double v : k) {
      explained += v * v;
    }
    double variance = Math.max(0, kernel.value(point, point) - explained);
    double s = standardization.scale();
    return new Prediction(standardization.mean() + s * mean, s * s * variance);
  }

  /**
   * Posterior means and upper bounds of the posterior variances at many points, in O(n) per point:
   * enough to bound an acquisition that grows with the variance before paying O(n^2) per point for the
   * exact variance. The bound is the variance given only the single most informative observation,
   * {@code k(p, p) - max_i k(p, x_i)^2 / (k(x_i, x_i) + noise + jitter)}: conditioning on more
   * observations never raises a Gaussian's variance.
   */
  public void predictMeans(double[][] points, double[] means, double[] varianceBounds) {
    Kernel kernel = hyperparameters.kernel();
    double s = standardization.scale();
    double[] self = selfCovariance();
    double[] row = new double[x.length];
    for (int c = 0; c < points.length; c++) {
      double[] p = points[c];
      double mean = 0;
      double explained = 0;
      kernel.values(x, p, row);
      for (int i = 0; i < x.length; i++) {
        double k = row[i];
        mean += k * alpha[i];
        explained = Math.max(explained, k * k / self[i]);
      }
      means[c] = standardization.mean() + s * mean;
      varianceBounds[c] = s * s * Math.max(0, kernel.value(p, p) - explained);
    }
  }

  /** {@code k(x_i, x_i) + noise + jitter}, the diagonal of the factored matrix. */
  private double[] selfCovariance() {
    double[] out = new double[x.length];
    Kernel kernel = hyperparameters.kernel();
    for (int i = 0; i < out.length; i++) {
      out[i] = kernel.value(x[i], x[i]) + hyperparameters.noiseVariance() + jitter;
    }
    return out;
  }

  /**
   * Candidates predicted per block in {@link #predict(double[][], double[], double[])}: a block's
   * right-hand sides (n x 128 values, 1 MB at n = 1,000) stay in the L2 cache, and the vectorized loops
   * run over 128 columns (64 were markedly slower).
   */
  private static final int BLOCK = 128;
  /** Candidates times observations squared from which blocks of candidates are predicted in parallel. */
  private static final long PARALLEL_WORK = 1L << 24;

  /**
   * Posterior means and variances at many points at once, written to {@code means[i]} and
   * {@code variances[i]}; the same values as {@link #predict(double[])} up to rounding, several times
   * faster: the triangular solves of a block of up to {@value #BLOCK} points run together, the points as
   * columns ({@link Cholesky#solveLowerColumns}), and blocks run in parallel on the fork-join pool when
   * there is enough work. Each point's result depends neither on the threads nor on its block.
   */
  public void predict(double[][] points, double[] means, double[] variances) {
    int n = x.length;
    int blocks = (points.length + BLOCK - 1) / BLOCK;
    boolean parallel = (long) points.length * n * n >= PARALLEL_WORK;
    Cholesky.forEach(blocks, parallel,
        b -> predictBlock(points, b * BLOCK, Math.min(points.length, b * BLOCK + BLOCK), means, variances));
  }

  private void predictBlock(double[][] points, int from, int to, double[] means, double[] variances) {
    int n = x.length;
    int b = to - from;
    Kernel kernel = hyperparameters.kernel();
    double s = standardization.scale();
    double[][] w = new double[n][b]; // w[i][c] = k(x_i, point c)
    double[] row = new double[n];
    for (int c = 0; c < b; c++) {
      double[] p = points[from + c];
      kernel.values(x, p, row);
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += row[i] * alpha[i];
        w[i][c] = row[i];
      }
      means[from + c] = standardization.mean() + s * mean;
    }
    Cholesky.solveLowerColumns(lower, n, w, b);
    double[] explained = new double[b];
    for (int i = 0; i < n; i++) {
      double[] wi = w[i];
      for (int c = 0; c < b; c++) {
        explained[c] += wi[c] * wi[c];
      }
    }
    for (int c = 0; c < b; c++) {
      double prior = kernel.value(points[from + c], points[from + c]);
      variances[from + c] = s * s * Math.max(0, prior - explained[c]);
    }
  }

  /**
   * The posterior with one more observation and the same hyperparameters: the Cholesky factor grows by
   * one row in O(n^2) (the rank-one extension), the standardization and {@code alpha} are recomputed.
   * Equal to {@link #fit} on all the points up to rounding.
   *
   * @throws DegenerateDataException if {@code value} or a feature is not finite
   */
  public GaussianProcess withObservation(double[] point, double value) {
    if (point.length != x[0].length) {
      throw new IllegalArgumentException("point has " + point.length + " features, the model " + x[0].length);
    }
    int n = x.length;
    double[][] inputs = Arrays.copyOf(x, n + 1);
    inputs[n] = point.clone();
    double[] outputs = Arrays.copyOf(y, n + 1);
    outputs[n] = value;
    checkInputs(new double[][] {point}, new double[] {value});
    Standardization.of(outputs);
    Kernel kernel = hyperparameters.kernel();
    double[] row = new double[n];
    for (int i = 0; i < n; i++) {
      row[i] = kernel.value(x[i], point);
    }
    Cholesky.solveLower(lower, n, row);
    double d = kernel.value(point, point) + hyperparameters.noiseVariance() + jitter;
    for (double v : row) {
      d -= v * v;
    }
    if (!(d > 1e-12 * (hyperparameters.noiseVariance() + jitter)) || !Double.isFinite(d)) {
      return fit(inputs, outputs, hyperparameters); // lost positive definiteness: refactor with more jitter
    }
    int m = n + 1;
    double[] grown = new double[m * m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(lower, i * n, grown, i * m, i + 1);
    }
    System.arraycopy(row, 0, grown, n * m, n);
    grown[n * m + n] = Math.sqrt(d);
    return new GaussianProcess(inputs, outputs, hyperparameters, grown, jitter);
  }
}
