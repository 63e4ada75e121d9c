package org.nautilus.nas.search.bayes;

import java.util.Objects;

/**
 * Settings of a {@link GpBayesSearcher}.
 *
 * @param initialDesign proposals made before the model is used (at least 1; the model also waits for two
 *     results)
 * @param design how the initial proposals are chosen
 * @param encoding how candidates become model inputs, and so which kernel is used
 * @param pending how trials still running are shown to the model, so parallel workers get different proposals
 * @param acquisition what the proposal maximizes
 * @param exhaustiveLimit a finite space of at most this many candidates is enumerated and scored whole
 *     (subject to {@code scoringBudget}); a larger one is searched by a random pool and local search
 * @param scoringBudget most kernel evaluations (candidates times observations) spent scoring a pool per
 *     proposal; when the unproposed candidates cost more, a seeded random subset of them is scored
 * @param poolSize fewest candidates in the random pool of a space that is not scored whole
 * @param localSearchStarts best pool candidates that local search by single mutations starts from
 * @param refitGrowth hyperparameters are refitted once the results grew by this fraction since the last
 *     fit (at least one more result); between fits results are added in O(n^2) with the hyperparameters kept
 */
public record GpBayesConfig(int initialDesign, Design design, Encoding encoding, Pending pending,
    AcquisitionKind acquisition, int exhaustiveLimit, long scoringBudget, int poolSize, int localSearchStarts,
    double refitGrowth) {
  /** Initial design. */
  public enum Design {
    /** A scrambled (randomly shifted) Sobol sequence over the decisions; random for continuous spaces. */
    SOBOL,
    /** Uniformly random candidates. */
    RANDOM
  }

  /** Model inputs and kernel. */
  public enum Encoding {
    /**
     * Decision indices with the overlap kernel {@code exp(-sum_d [a_d != b_d] / l_d)}: the same as an
     * exponential kernel on one-hot ops with one length-scale per decision. Needs a categorical space.
     */
    CATEGORICAL,
    /** One-hot ops (or the space's default vector encoding) with a Matérn-5/2 ARD kernel. */
    ONE_HOT,
    /** The BANANAS path encoding of a NAS-Bench-201 cell with a Matérn-5/2 ARD kernel. */
    PATH
  }

  /** Treatment of pending trials. */
  public enum Pending {
    /** Each pending candidate is added with the model's own posterior mean as its value. */
    KRIGING_BELIEVER,
    /** Each pending candidate is added with the worst result so far (the pessimistic constant liar). */
    CONSTANT_LIAR
  }

  /** The acquisition function. */
  public enum AcquisitionKind {
    /** Log expected improvement (stable where EI underflows). */
    LOG_EI,
    /** Expected improvement. */
    EI,
    /** Probability of improvement. */
    PI,
    /** Upper confidence bound with GP-UCB's beta schedule for the space's size (delta 0.1). */
    UCB
  }

  /** Default initial design size. */
  public static final int DEFAULT_INITIAL_DESIGN = 10;

  /** Validates every setting, naming the bad one as spec files spell it. */
  public GpBayesConfig {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(pending, "pending");
    Objects.requireNonNull(acquisition, "acquisition");
    if (initialDesign < 1) {
      throw new IllegalArgumentException("gp.initial_design must be >= 1, got " + initialDesign);
    }
    if (exhaustiveLimit < 0) {
      throw new IllegalArgumentException("gp.exhaustive_limit must be >= 0, got " + exhaustiveLimit);
    }
    if (scoringBudget < 1) {
      throw new IllegalArgumentException("gp.scoring_budget must be >= 1, got " + scoringBudget);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("gp.pool_size must be >= 1, got " + poolSize);
    }
    if (localSearchStarts < 0) {
      throw new IllegalArgumentException("gp.local_search_starts must be >= 0, got " + localSearchStarts);
    }
    if (!(refitGrowth >= 0 && Double.isFinite(refitGrowth))) {
      throw new IllegalArgumentException("gp.refit_growth must be >= 0 and finite, got " + refitGrowth);
    }
  }

  /**
   * The defaults: 10 Sobol points, categorical encoding (chosen by measurement, see BENCHMARKS.md
   * "Surrogate and GP searcher"), kriging believer, log-EI, spaces of up to 100,000 candidates scored
   * whole within 250,000 kernel evaluations per proposal (4 times that budget took 1.7 times as long per
   * simulated search for the same quality in the nas quality tests), else a pool of 2,000 plus local
   * search from the best 5, refit at 10% growth.
   */
  public static GpBayesConfig defaults() {
    return new GpBayesConfig(DEFAULT_INITIAL_DESIGN, Design.SOBOL, Encoding.CATEGORICAL, Pending.KRIGING_BELIEVER,
        AcquisitionKind.LOG_EI, 100_000, 250_000, 2_000, 5, 0.1);
  }

  public GpBayesConfig withEncoding(Encoding value) {
    return new GpBayesConfig(initialDesign, design, value, pending, acquisition, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth);
  }

  public GpBayesConfig withPending(Pending value) {
    return new GpBayesConfig(initialDesign, design, encoding, value, acquisition, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth);
  }

  public GpBayesConfig withAcquisition(AcquisitionKind value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, value, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth);
  }

  public GpBayesConfig withDesign(Design value, int size) {
    return new GpBayesConfig(size, value, encoding, pending, acquisition, exhaustiveLimit, scoringBudget, poolSize,
        localSearchStarts, refitGrowth);
  }

  public GpBayesConfig withExhaustiveLimit(int value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, acquisition, value, scoringBudget, poolSize,
        localSearchStarts, refitGrowth);
  }

  public GpBayesConfig withScoringBudget(long value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, acquisition, exhaustiveLimit, value, poolSize,
        localSearchStarts, refitGrowth);
  }
}
