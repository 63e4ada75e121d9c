package org.nautilus.surrogate.acquisition;

/** Scores a point from the surrogate's predictive mean and standard deviation there; higher is better. */
@FunctionalInterface
public interface Acquisition {
  /**
   * @param mean predictive mean of the objective (to be maximized)
   * @param stdDev predictive standard deviation, {@code >= 0}
   * @param incumbent the best objective observed so far
   */
  double score(double mean, double stdDev, double incumbent);
}
