package org.nautilus.engine.metric;

import java.util.Objects;

/** Regression metrics of {@code predicted[i]} against {@code actual[i]}. */
public final class RegressionMetrics {
  private RegressionMetrics() {}

  /** Mean squared error. */
  public static double mse(double[] actual, double[] predicted) {
    check(actual, predicted);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = predicted[i] - actual[i];
      sum += d * d;
    }
    return sum / actual.length;
  }

  /** Root of the {@link #mse}. */
  public static double rmse(double[] actual, double[] predicted) {
    return Math.sqrt(mse(actual, predicted));
  }

  /** Mean absolute error. */
  public static double mae(double[] actual, double[] predicted) {
    check(actual, predicted);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(predicted[i] - actual[i]);
    }
    return sum / actual.length;
  }

  /**
   * Coefficient of determination, {@code 1 - SS_res / SS_tot}; negative when worse than predicting
   * the mean. For constant actual values ({@code SS_tot = 0}) it is 1 for a perfect prediction and 0
   * otherwise, as scikit-learn's {@code force_finite}.
   */
  public static double r2(double[] actual, double[] predicted) {
    check(actual, predicted);
    double mean = 0;
    for (double a : actual) {
      mean += a;
    }
    mean /= actual.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      total += (actual[i] - mean) * (actual[i] - mean);
    }
    if (total == 0) {
      return residual == 0 ? 1.0 : 0.0;
    }
    return 1 - residual / total;
  }

  private static void check(double[] actual, double[] predicted) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    Checks.sameLength(actual.length, predicted.length);
    for (int i = 0; i < actual.length; i++) {
      Checks.finite(actual[i], "actual value", i);
      Checks.finite(predicted[i], "prediction", i);
    }
  }
}
