package org.nautilus.surrogate.acquisition;

/**
 * Upper confidence bound {@code mu + sqrt(beta) sigma}; ignores the incumbent. For a beta that grows
 * with the number of evaluations, take one from a {@link BetaSchedule} at each step.
 */
public record UpperConfidenceBound(double beta) implements Acquisition {
  public UpperConfidenceBound {
    if (!(beta >= 0 && Double.isFinite(beta))) {
      throw new IllegalArgumentException("beta must be >= 0 and finite, got " + beta);
    }
  }

  /** UCB with {@code schedule}'s beta at evaluation {@code t}. */
  public static UpperConfidenceBound at(BetaSchedule schedule, long t) {
    return new UpperConfidenceBound(schedule.beta(t));
  }

  @Override
  public double score(double mean, double stdDev, double incumbent) {
    if (!(stdDev >= 0)) {
      throw new IllegalArgumentException("standard deviation must be >= 0, got " + stdDev);
    }
    return mean + Math.sqrt(beta) * stdDev;
  }
}
