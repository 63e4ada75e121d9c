package org.nautilus.surrogate.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code variance * inner(a, b)}: gives a correlation kernel its signal variance. Hyperparameters:
 * {@code ln variance}, then the inner kernel's.
 */
public final class Scaled implements Kernel {
  /** Default bounds of the variance: [1e-4, 1e4] (outputs are standardized, so about 1 is typical). */
  public static final double MIN_VARIANCE = 1e-4;
  /** See {@link #MIN_VARIANCE}. */
  public static final double MAX_VARIANCE = 1e4;

  private final Kernel inner;
  private final double logVariance;
  private final double variance;

  private Scaled(Kernel inner, double logVariance) {
    this.inner = inner;
    this.logVariance = logVariance;
    this.variance = Math.exp(logVariance);
  }

  /** {@code variance * inner}. */
  public static Scaled of(Kernel inner, double variance) {
    if (!(variance > 0 && Double.isFinite(variance))) {
      throw new IllegalArgumentException("kernel variance must be > 0 and finite, got " + variance);
    }
    return new Scaled(inner, Math.log(variance));
  }

  public Kernel inner() {
    return inner;
  }

  public double variance() {
    return variance;
  }

  @Override
  public int parameterCount() {
    return 1 + inner.parameterCount();
  }

  @Override
  public double[] parameters() {
    double[] out = new double[parameterCount()];
    out[0] = logVariance;
    System.arraycopy(inner.parameters(), 0, out, 1, inner.parameterCount());
    return out;
  }

  @Override
  public Kernel withParameters(double[] logParameters) {
    Dims.checkLength(logParameters, parameterCount(), "scaled kernel parameters");
    return new Scaled(inner.withParameters(Arrays.copyOfRange(logParameters, 1, logParameters.length)),
        logParameters[0]);
  }

  @Override
  public double[] lowerBounds() {
    return prepend(Math.log(MIN_VARIANCE), inner.lowerBounds());
  }

  @Override
  public double[] upperBounds() {
    return prepend(Math.log(MAX_VARIANCE), inner.upperBounds());
  }

  private static double[] prepend(double first, double[] rest) {
    double[] out = new double[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>(List.of("variance"));
    names.addAll(inner.parameterNames());
    return names;
  }

  @Override
  public double value(double[] a, double[] b) {
    return variance * inner.value(a, b);
  }

  @Override
  public void values(double[][] rows, double[] b, double[] out) {
    inner.values(rows, b, out);
    for (int i = 0; i < rows.length; i++) {
      out[i] *= variance;
    }
  }

  /**
   * The inner kernel's {@link Gram} times the variance; the variance's gradient is the variance times the
   * inner kernel's weighted values, and the inner gradient is scaled by the variance once at the end.
   */
  @Override
  public Gram gram(double[][] points) {
    Gram g = inner.gram(points);
    int p = inner.parameterCount();
    return new Gram() {
      @Override
      public void row(int i, double[] out) {
        g.row(i, out);
        for (int j = 0; j <= i; j++) {
          out[j] *= variance;
        }
      }

      @Override
      public void accumulate(int i, double[] weights) {
        g.accumulate(i, weights);
      }

      @Override
      public void addGradientTo(double[] gradient, int offset) {
        double[] own = new double[p];
        g.addGradientTo(own, 0);
        gradient[offset] += variance * g.weightedValues();
        for (int q = 0; q < p; q++) {
          gradient[offset + 1 + q] += variance * own[q];
        }
      }

      @Override
      public double weightedValues() {
        return variance * g.weightedValues();
      }
    };
  }

  @Override
  public void addGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    valueAndGradient(a, b, weight, gradient, offset);
  }

  @Override
  public double valueAndGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    double inner = this.inner.valueAndGradient(a, b, weight * variance, gradient, offset + 1);
    gradient[offset] += weight * variance * inner;
    return variance * inner;
  }
}
