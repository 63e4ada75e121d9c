package org.nautilus.surrogate.acquisition;

/**
 * The logarithm of {@link ExpectedImprovement}, computed so that it stays finite and accurate where
 * expected improvement itself underflows to 0 (Ament et al., "Unexpected Improvements to Expected
 * Improvement for Bayesian Optimization", NeurIPS 2023): {@code ln sigma + ln h(z)},
 * {@code h(z) = phi(z) + z Phi(z)}, {@code z = (mu - best - xi) / sigma}. Where the candidates' scores
 * are compared, the order is that of EI, but a maximizer still sees differences between candidates
 * far below the incumbent. With {@code sigma = 0} it is {@code ln max(mu - best - xi, 0)}
 * ({@code -infinity} when there is no improvement).
 */
public record LogExpectedImprovement(double xi) implements Acquisition {
  public LogExpectedImprovement {
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
      return improvement > 0 ? Math.log(improvement) : Double.NEGATIVE_INFINITY;
    }
    return Math.log(stdDev) + NormalTail.logH(improvement / stdDev);
  }
}
