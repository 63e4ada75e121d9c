package org.nautilus.surrogate.acquisition;

/**
 * Probability of improving on the incumbent by more than {@code xi}: {@code Phi((mu - best - xi) / sigma)};
 * with {@code sigma = 0}, 1 if {@code mu > best + xi} and 0 otherwise.
 */
public record ProbabilityOfImprovement(double xi) implements Acquisition {
  public ProbabilityOfImprovement {
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
      return improvement > 0 ? 1 : 0;
    }
    return NormalTail.cdf(improvement / stdDev);
  }
}
