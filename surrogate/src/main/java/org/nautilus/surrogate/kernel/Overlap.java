package org.nautilus.surrogate.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Overlap (weighted Hamming) correlation for categorical inputs, which hold category indices:
 * {@code k = exp(-sum_i [a_i != b_i] / l_i)}, one length-scale per input; {@code k(a, a) = 1}. A product
 * of per-input kernels {@code exp(-[a_i != b_i] / l_i)}, each positive definite, so k is too.
 * Hyperparameters: {@code ln l_i}.
 */
public final class Overlap implements Kernel {
  /** Default bounds of a length-scale: [1e-2, 1e2]. */
  public static final double MIN_LENGTHSCALE = 1e-2;
  /** See {@link #MIN_LENGTHSCALE}. */
  public static final double MAX_LENGTHSCALE = 1e2;

  private final int[] dims;
  private final double[] logLengthscales;
  private final double[] inverse;
  /** {@code exp(-1 / l_i)}: k is the product of the factors of the inputs that differ, with no exp per call. */
  private final double[] factor;

  private Overlap(int[] dims, double[] logLengthscales) {
    this.dims = dims;
    this.logLengthscales = logLengthscales;
    this.inverse = new double[dims.length];
    this.factor = new double[dims.length];
    for (int i = 0; i < dims.length; i++) {
      inverse[i] = Math.exp(-logLengthscales[i]);
      factor[i] = Math.exp(-inverse[i]);
    }
  }

  /** Over the categorical inputs {@code dims}, all length-scales 1. */
  public static Overlap of(int[] dims) {
    int[] d = Dims.check(dims);
    return new Overlap(d, new double[d.length]);
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
    return new Overlap(dims, Dims.checkLength(logParameters, dims.length, "overlap log length-scales"));
  }

  @Override
  public double[] lowerBounds() {
    return Dims.filled(dims.length, Math.log(MIN_LENGTHSCALE));
  }

  @Override
  public double[] upperBounds() {
    return Dims.filled(dims.length, Math.log(MAX_LENGTHSCALE));
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int d : dims) {
      names.add("overlap.lengthscale[" + d + "]");
    }
    return names;
  }

  @Override
  public double value(double[] a, double[] b) {
    double k = 1;
    for (int i = 0; i < dims.length; i++) {
      k *= a[dims[i]] == b[dims[i]] ? 1 : factor[i]; // written for a conditional move: matches are unpredictable
    }
    return k;
  }

  @Override
  public void values(double[][] rows, double[] b, double[] out) {
    for (int r = 0; r < rows.length; r++) {
      double[] a = rows[r];
      double k = 1;
      for (int i = 0; i < dims.length; i++) {
        k *= a[dims[i]] == b[dims[i]] ? 1 : factor[i];
      }
      out[r] = k;
    }
  }

  @Override
  public void addGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    // d k / d ln l_i = k [a_i != b_i] / l_i
    double k = weight * value(a, b);
    for (int i = 0; i < dims.length; i++) {
      if (a[dims[i]] != b[dims[i]]) {
        gradient[offset + i] += k * inverse[i];
      }
    }
  }
}
