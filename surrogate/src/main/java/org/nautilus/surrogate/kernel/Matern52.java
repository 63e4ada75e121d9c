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
