package org.nautilus.surrogate.gp;

/**
 * How {@link GpFitter} fits hyperparameters.
 *
 * @param starts optimizer starts: the initial hyperparameters, any warm starts, then seeded random
 *     points until this many (at least 1)
 * @param maxIterations quasi-Newton iterations per start
 * @param subsetSize largest number of points the multi-start optimization uses; above it a seeded random
 *     subset is used, then (with {@code refineIterations > 0}) the optimum is polished on all the points
 *     (the final posterior always uses every point). Each likelihood evaluation costs O(m^3)
 * @param refineIterations when a subset was used, the most quasi-Newton evaluations per rung of the polish on
 *     ever more points up to all of them ({@link GpFitter}); 0 keeps the subset's optimum
 * @param priorSd standard deviation of a Gaussian prior on every log-hyperparameter, centred on the
 *     initial hyperparameters; {@code Double.POSITIVE_INFINITY} for none (plain maximum likelihood)
 * @param minNoise lowest noise variance allowed (standardized outputs)
 * @param maxNoise highest noise variance allowed
 * @param seed seeds the random starts and the subset
 */
public record FitConfig(int starts, int maxIterations, int subsetSize, int refineIterations, double priorSd,
    double minNoise, double maxNoise, long seed) {
  public FitConfig {
    if (starts < 1) {
      throw new IllegalArgumentException("fit starts must be >= 1, got " + starts);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("fit max iterations must be >= 0, got " + maxIterations);
    }
    if (subsetSize < 2) {
      throw new IllegalArgumentException("fit subset size must be >= 2, got " + subsetSize);
    }
    if (refineIterations < 0) {
      throw new IllegalArgumentException("fit refine iterations must be >= 0, got " + refineIterations);
    }
    if (!(priorSd > 0)) {
      throw new IllegalArgumentException("fit prior sd must be > 0 (infinite for none), got " + priorSd);
    }
    if (!(minNoise > 0 && maxNoise >= minNoise && Double.isFinite(maxNoise))) {
      throw new IllegalArgumentException("fit noise bounds must satisfy 0 < min <= max < inf, got [" + minNoise + ", "
          + maxNoise + "]");
    }
  }

  /**
   * 3 starts, 100 iterations, subsets of 250 points polished on all of them (at most
   * {@value #DEFAULT_REFINE_ITERATIONS} evaluations per rung), no prior, noise in
   * [{@value Hyperparameters#MIN_NOISE}, {@value Hyperparameters#MAX_NOISE}]. The polish reaches the
   * likelihood's optimum on all the points (BENCHMARKS.md, "Surrogate and GP searcher").
   */
  public static FitConfig defaults(long seed) {
    return new FitConfig(3, 100, 250, DEFAULT_REFINE_ITERATIONS, Double.POSITIVE_INFINITY, Hyperparameters.MIN_NOISE,
        Hyperparameters.MAX_NOISE, seed);
  }

  /** Default most evaluations per rung of the polish; 6 to 8 are typical at n = 1,000. */
  public static final int DEFAULT_REFINE_ITERATIONS = 20;

  public FitConfig withStarts(int value) {
    return new FitConfig(value, maxIterations, subsetSize, refineIterations, priorSd, minNoise, maxNoise, seed);
  }

  public FitConfig withSubsetSize(int value) {
    return new FitConfig(starts, maxIterations, value, refineIterations, priorSd, minNoise, maxNoise, seed);
  }

  public FitConfig withRefineIterations(int value) {
    return new FitConfig(starts, maxIterations, subsetSize, value, priorSd, minNoise, maxNoise, seed);
  }

  public FitConfig withPriorSd(double value) {
    return new FitConfig(starts, maxIterations, subsetSize, refineIterations, value, minNoise, maxNoise, seed);
  }

  public FitConfig withMaxIterations(int value) {
    return new FitConfig(starts, value, subsetSize, refineIterations, priorSd, minNoise, maxNoise, seed);
  }

  public FitConfig withSeed(long value) {
    return new FitConfig(starts, maxIterations, subsetSize, refineIterations, priorSd, minNoise, maxNoise, value);
  }
}
