package org.nautilus.surrogate.acquisition;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Expected improvement over the incumbent for a maximized objective, with exploration margin
 * {@code xi}: {@code (mu - best - xi) Phi(z) + sigma phi(z)}, {@code z = (mu - best - xi) / sigma}.
 */
public record ExpectedImprovement(double xi) implements Acquisition {
  // The standard normal's cdf and density; NormalDistribution is immutable, so one instance is shared.
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  public ExpectedImprovement {
    if (!(xi >= 0)) {
      throw new IllegalArgumentException("xi must be >= 0, got " + xi);
    }
  }

  @Override
  public double score(double mean, double stdDev, double incumbent) {
    if (!(stdDev >= 0)) {
      throw new IllegalArgumentException("standard deviation must be >= 0, got " + stdDev);
    }
    double improvement = mean - incumbent - xi;
    if (stdDev == 0) {
      return Math.max(improvement, 0);
    }
    double z = improvement / stdDev;
    return improvement * STANDARD_NORMAL.cumulativeProbability(z) + stdDev * STANDARD_NORMAL.density(z);
  }
}
