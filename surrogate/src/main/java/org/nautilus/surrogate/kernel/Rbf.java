package org.nautilus.surrogate.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Squared-exponential (RBF) correlation with one length-scale per input (ARD):
 * {@code k = exp(-r^2 / 2)}, {@code r^2 = sum_i ((a_i - b_i) / l_i)^2}; {@code k(a, a) = 1}.
 * Hyperparameters: {@code ln l_i}.
 */
public final class Rbf implements Kernel {
  /** Default bounds of a length-scale: [1e-3, 1e3]. */
  public static final double MIN_LENGTHSCALE = 1e-3;
  /** See {@link #MIN_LENGTHSCALE}. */
  public static final double MAX_LENGTHSCALE = 1e3;

  private final int[] dims;
  private final double[] logLengthscales;
  private final double[] inverse;
  private final double lower;
  private final double upper;

  private Rbf(int[] dims, double[] logLengthscales, double lower, double upper) {
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
  public static Rbf of(int[] dims) {
    int[] d = Dims.check(dims);
    return new Rbf(d, new double[d.length], Math.log(MIN_LENGTHSCALE), Math.log(MAX_LENGTHSCALE));
  }

  /** The same kernel with length-scales bounded to [{@code min}, {@code max}]. */
  public Rbf withLengthscaleBounds(double min, double max) {
    if (!(min > 0 && max >= min && Double.isFinite(max))) {
      throw new IllegalArgumentException("length-scale bounds must satisfy 0 < min <= max < inf, got [" + min + ", "
          + max + "]");
    }
    return new Rbf(dims, logLengthscales, Math.log(min), Math.log(max));
  }

  /** The same kernel with every length-scale set to {@code lengthscale}. */
  public Rbf withLengthscale(double lengthscale) {
    return (Rbf) withParameters(Dims.filled(dims.length, Math.log(lengthscale)));
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
    return new Rbf(dims, Dims.checkLength(logParameters, dims.length, "rbf log length-scales"), lower,
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
      names.add("rbf.lengthscale[" + d + "]");
    }
    return names;
  }

  @Override
  public double value(double[] a, double[] b) {
    return Math.exp(-0.5 * squaredDistance(a, b));
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
    // d k / d ln l_i = k ((a_i - b_i) / l_i)^2
    double common = weight * Math.exp(-0.5 * squaredDistance(a, b));
    if (common == 0) {
      return;
    }
    for (int i = 0; i < dims.length; i++) {
      double t = (a[dims[i]] - b[dims[i]]) * inverse[i];
      gradient[offset + i] += common * t * t;
    }
  }
}
