package org.nautilus.surrogate.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Matérn-5/2 correlation with one length-scale per input (ARD):
 * {@code k = (1 + s + s^2 / 3) exp(-s)}, {@code s = sqrt(5) r}, {@code r^2 = sum_i ((a_i - b_i) / l_i)^2};
 * {@code k(a, a) = 1}. Hyperparameters: {@code ln l_i}.
 */
public final class Matern52 implements Kernel {
  /** Default bounds of a length-scale: [1e-3, 1e3]. */
  public static final double MIN_LENGTHSCALE = 1e-3;
  /** See {@link #MIN_LENGTHSCALE}. */
  public static final double MAX_LENGTHSCALE = 1e3;
  private static final double SQRT5 = Math.sqrt(5);

  private final int[] dims;
  private final double[] logLengthscales;
  private final double[] inverse;
  private final double lower;
  private final double upper;

  private Matern52(int[] dims, double[] logLengthscales, double lower, double upper) {
    this.dims = dims;
    this.logLengthscales = logLengthscales;
    this.inverse = new double[dims.length];
    for (int i = 0; i < dims.length; i++) {
      inverse[i] = Math.exp(-logLengthscales[i]);
    }
    this.lower = lower;
    this.upper = upper;
  }

  /** Over the inputs {@code dims}, all length-scales 1, default bounds. */
  public static Matern52 of(int[] dims) {
    int[] d = Dims.check(dims);
    return new Matern52(d, new double[d.length], Math.log(MIN_LENGTHSCALE), Math.log(MAX_LENGTHSCALE));
  }

  /** The same kernel with length-scales bounded to [{@code min}, {@code max}]. */
  public Matern52 withLengthscaleBounds(double min, double max) {
    if (!(min > 0 && max >= min && Double.isFinite(max))) {
      throw new IllegalArgumentException("length-scale bounds must satisfy 0 < min <= max < inf, got [" + min + ", "
          + max + "]");
    }
    return new Matern52(dims, logLengthscales, Math.log(min), Math.log(max));
  }

  /** The same kernel with every length-scale set to {@code lengthscale}. */
  public Matern52 withLengthscale(double lengthscale) {
    return (Matern52) withParameters(Dims.filled(dims.length, Math.log(lengthscale)));
  }

  /** The length-scales (not their logs). */
  public double[] lengthscales() {
    double[] out = new double[dims.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(logLengthscales[i]);
    }
    return out;
  }

  @Override
  public int parameterCount() {
    return dims.length;
  }

  @Override
  public double[] parameters() {
    return logLengthscales.clone();
  }

  @Override
  public Kernel withParameters(double[] logParameters) {
    return new Matern52(dims, Dims.checkLength(logParameters, dims.length, "matern52 log length-scales"), lower,
        upper);
  }

  @Override
  public double[] lowerBounds() {
    return Dims.filled(dims.length, lower);
  }

  @Override
  public double[] upperBounds() {
    return Dims.filled(dims.length, upper);
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int d : dims) {
      names.add("matern52.lengthscale[" + d + "]");
    }
    return names;
  }

  @Override
  public double value(double[] a, double[] b) {
    double s = SQRT5 * Math.sqrt(squaredDistance(a, b));
    return (1 + s + s * s / 3) * Math.exp(-s);
  }

  private double squaredDistance(double[] a, double[] b) {
    double r2 = 0;
    for (int i = 0; i < dims.length; i++) {
      double t = (a[dims[i]] - b[dims[i]]) * inverse[i];
      r2 += t * t;
    }
    return r2;
  }

  @Override
  public void addGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    valueAndGradient(a, b, weight, gradient, offset);
  }

  /**
   * Row by row with the coordinates as columns: the scaled differences and squared distances of row i
   * to all earlier points in loops over the points (vectorized by the JIT), the exponentials one by one
   * (the only scalar loop), and the gradient into one accumulator per hyperparameter and point, summed
   * at the end, so that no loop carries a sum from one point to the next. The values are
   * {@link #value}'s, bit for bit (the same operations in the same order).
   */
  @Override
  public Gram gram(double[][] points) {
    return new ColumnGram(points);
  }

  private final class ColumnGram implements Gram {
    private final int n;
    private final double[][] columns; // columns[q][j] = points[j][dims[q]]
    private final double[] r2;
    private final double[] s;
    private final double[] e;
    private final double[] t;
    private final double[][] sums; // sums[q][j]: the gradient of hyperparameter q from pairs (i, j)
    private final double[] values; // values[j]: sum over rows of weights[j] k(x_i, x_j)
    private boolean accumulated;

    ColumnGram(double[][] points) {
      n = points.length;
      int d = dims.length;
      columns = new double[d][n];
      for (int j = 0; j < n; j++) {
        for (int q = 0; q < d; q++) {
          columns[q][j] = points[j][dims[q]];
        }
      }
      r2 = new double[n];
      s = new double[n];
      e = new double[n];
      t = new double[n];
      sums = new double[d][];
      values = new double[n];
    }

    /** r2, s and e for pairs (i, j), j in [0, i]. */
    private void distances(int i) {
      int m = i + 1;
      java.util.Arrays.fill(r2, 0, m, 0);
      for (int q = 0; q < dims.length; q++) {
        double[] c = columns[q];
        double ci = c[i];
        double inv = inverse[q];
        for (int j = 0; j < m; j++) {
          double u = (ci - c[j]) * inv;
          r2[j] += u * u;
        }
      }
      for (int j = 0; j < m; j++) {
        s[j] = SQRT5 * Math.sqrt(r2[j]);
      }
      for (int j = 0; j < m; j++) {
        e[j] = Math.exp(-s[j]);
      }
    }

    @Override
    public void row(int i, double[] out) {
      distances(i);
      for (int j = 0; j <= i; j++) {
        double sj = s[j];
        out[j] = (1 + sj + sj * sj / 3) * e[j];
      }
    }

    @Override
    public void accumulate(int i, double[] weights) {
      distances(i);
      int m = i + 1;
      accumulated = true;
      for (int j = 0; j < m; j++) {
        double sj = s[j];
        values[j] += weights[j] * ((1 + sj + sj * sj / 3) * e[j]);
        t[j] = weights[j] * (5.0 / 3.0) * (1 + sj) * e[j];
      }
      for (int q = 0; q < dims.length; q++) {
        if (sums[q] == null) {
          sums[q] = new double[n];
        }
        double[] sum = sums[q];
        double[] c = columns[q];
        double ci = c[i];
        double inv = inverse[q];
        for (int j = 0; j < m; j++) {
          double u = (ci - c[j]) * inv;
          sum[j] += t[j] * u * u;
        }
      }
    }

    @Override
    public void addGradientTo(double[] gradient, int offset) {
      if (!accumulated) {
        return;
      }
      for (int q = 0; q < dims.length; q++) {
        double total = 0;
        for (double v : sums[q]) {
          total += v;
        }
        gradient[offset + q] += total;
      }
    }

    @Override
    public double weightedValues() {
      double total = 0;
      for (double v : values) {
        total += v;
      }
      return total;
    }
  }

  @Override
  public double valueAndGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    // d k / d ln l_i = (5/3) (1 + s) exp(-s) ((a_i - b_i) / l_i)^2, finite at r = 0 (where it is 0)
    double s = SQRT5 * Math.sqrt(squaredDistance(a, b));
    double e = Math.exp(-s);
    double common = weight * (5.0 / 3.0) * (1 + s) * e;
    if (common != 0) {
      for (int i = 0; i < dims.length; i++) {
        double t = (a[dims[i]] - b[dims[i]]) * inverse[i];
        gradient[offset + i] += common * t * t;
      }
    }
    return (1 + s + s * s / 3) * e;
  }
}
