package org.nautilus.engine.train;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Standardization of regression targets: a network is trained on {@code (y - mean) / scale} and its
 * outputs mapped back before any metric, so metrics are in the targets' own units. Without it a target
 * in the thousands (a price, a count) starts with errors that no default learning rate recovers from
 * (validation R² of -8 after 20 epochs where the unit-scale target reached 0.9, MlpTrainerTest).
 *
 * @param mean the training targets' mean
 * @param scale their standard deviation, or 1 when that is zero or not finite
 */
public record TargetScale(double mean, double scale) {
  /** No change: for classification, where the targets are class indices. */
  public static final TargetScale IDENTITY = new TargetScale(0, 1);

  /** The scale of these training targets. */
  public static TargetScale of(double[] targets) {
    if (targets.length == 0) {
      return IDENTITY;
    }
    double mean = new Mean().evaluate(targets);
    double sd = new StandardDeviation(false).evaluate(targets, mean);
    return new TargetScale(Double.isFinite(mean) ? mean : 0, sd > 0 && Double.isFinite(sd) ? sd : 1);
  }

  /** A target as the network is trained on it. */
  public float standardized(double target) {
    return (float) ((target - mean) / scale);
  }

  /** A network output in the targets' units. */
  public double original(float output) {
    return output * scale + mean;
  }
}
