package org.nautilus.surrogate.acquisition;

/** The exploration weight of {@link UpperConfidenceBound} as a function of the evaluation count t >= 1. */
@FunctionalInterface
public interface BetaSchedule {
  /** Beta at evaluation {@code t}. */
  double beta(long t);

  /** The same beta at every step. */
  static BetaSchedule constant(double beta) {
    if (!(beta >= 0 && Double.isFinite(beta))) {
      throw new IllegalArgumentException("beta must be >= 0 and finite, got " + beta);
    }
    return t -> beta;
  }

  /**
   * GP-UCB's schedule for a finite domain of {@code size} points (Srinivas et al., ICML 2010, Theorem 1):
   * {@code beta_t = 2 ln(size t^2 pi^2 / (6 delta))}, which keeps the regret bound with probability
   * {@code 1 - delta}.
   */
  static BetaSchedule srinivas(long size, double delta) {
    if (size < 1) {
      throw new IllegalArgumentException("domain size must be >= 1, got " + size);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
    return t -> {
      if (t < 1) {
        throw new IllegalArgumentException("evaluation count t starts at 1, got " + t);
      }
      double tt = (double) t;
      return 2 * Math.log(size * tt * tt * Math.PI * Math.PI / (6 * delta));
    };
  }
}
