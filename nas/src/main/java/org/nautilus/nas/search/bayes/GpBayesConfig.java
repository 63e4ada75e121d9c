package org.nautilus.nas.search.bayes;

import java.util.Objects;
import java.util.OptionalDouble;

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
 * @param trustRegion where the acquisition is maximized in a space of numeric dimensions: a TuRBO-1 trust
 *     region around the best result, or the whole space ({@link TrustRegion#off()})
 */
public record GpBayesConfig(int initialDesign, Design design, Encoding encoding, Pending pending,
    AcquisitionKind acquisition, int exhaustiveLimit, long scoringBudget, int poolSize, int localSearchStarts,
    double refitGrowth, TrustRegion trustRegion) {
  /**
   * A TuRBO-1 trust region (Eriksson et al., "Scalable global optimization via local Bayesian
   * optimization", NeurIPS 2019) as the region where the acquisition is maximized. It applies to spaces
   * whose every dimension is an unconditional float or int (a {@code HyperparameterSpace} without
   * categories or conditions), in the scaled coordinates [0, 1]^d of the model's inputs; other spaces
   * are searched whole. The region is a box centred on the best result, with side {@code length * w_i}
   * along input i, where the weights w are the fitted length-scales divided by their geometric mean. A
   * result of a proposal made in the region is a success if it beats the best result before it by more
   * than 1e-3 of its magnitude, else a failure (so is a failed trial); {@code successes} successes in a
   * row double the length (up to {@code maxLength}), {@code failures} failures in a row halve it, and a
   * length below {@code minLength} restarts it at {@code initialLength} (the model keeps every result).
   * Candidates are {@code candidates} scrambled Sobol points in the box, each changing a random subset
   * of the inputs (each with probability min(1, perturbed / d), at least one) and keeping the centre's
   * others.
   *
   * @param enabled whether the region is used
   * @param initialLength side length at the start and after a restart, in scaled units (TuRBO: 0.8)
   * @param minLength the length below which the region restarts (TuRBO: 2^-7)
   * @param maxLength the longest side length (TuRBO: 1.6)
   * @param successes successes in a row that double the length (TuRBO: 3)
   * @param failures failures in a row that halve the length; 0 for max(4, d) (TuRBO with batch size 1)
   * @param candidates Sobol candidates scored per proposal (TuRBO: min(100 d, 5000))
   * @param perturbed how many inputs a candidate changes on average (TuRBO: 20, i.e. all of them up to
   *     20 dimensions; the default 2 was measured better on Branin, Hartmann-6 and Ackley-10,
   *     BENCHMARKS.md "Surrogate and GP searcher")
   * @param additive whether the model of a space searched in the region adds one one-dimensional
   *     Matérn-5/2 per input to the ARD kernel (an additive component learns each input's trend from every
   *     result; TuRBO: false). The region is then a cube: its sides no longer follow the ARD length-scales
   * @param ucbBeta when present, the region's candidates are scored by {@code mean + ucbBeta * sd}
   *     instead of {@link GpBayesConfig#acquisition()} (TuRBO: Thompson sampling; log-EI drives the
   *     search to the region's corners)
   */
  public record TrustRegion(boolean enabled, double initialLength, double minLength, double maxLength,
      int successes, int failures, int candidates, double perturbed, boolean additive, OptionalDouble ucbBeta) {
    public TrustRegion {
      Objects.requireNonNull(ucbBeta, "ucbBeta");
      if (ucbBeta.isPresent() && !(ucbBeta.getAsDouble() >= 0 && Double.isFinite(ucbBeta.getAsDouble()))) {
        throw new IllegalArgumentException("gp.trust_region ucb_beta must be >= 0 and finite, got "
            + ucbBeta.getAsDouble());
      }
      if (!(minLength > 0 && initialLength >= minLength && maxLength >= initialLength && Double.isFinite(maxLength))) {
        throw new IllegalArgumentException("gp.trust_region lengths must satisfy 0 < min <= initial <= max < inf, got "
            + minLength + ", " + initialLength + ", " + maxLength);
      }
      if (successes < 1) {
        throw new IllegalArgumentException("gp.trust_region successes must be >= 1, got " + successes);
      }
      if (failures < 0) {
        throw new IllegalArgumentException("gp.trust_region failures must be >= 0 (0: max(4, d)), got " + failures);
      }
      if (candidates < 1) {
        throw new IllegalArgumentException("gp.trust_region candidates must be >= 1, got " + candidates);
      }
      if (!(perturbed > 0 && Double.isFinite(perturbed))) {
        throw new IllegalArgumentException("gp.trust_region perturbed must be > 0 and finite, got " + perturbed);
      }
    }

    /**
     * A region with the given lengths, counts and candidates, TuRBO's model (ARD only) and the configured
     * acquisition.
     */
    public TrustRegion(boolean enabled, double initialLength, double minLength, double maxLength, int successes,
        int failures, int candidates, double perturbed) {
      this(enabled, initialLength, minLength, maxLength, successes, failures, candidates, perturbed, false,
          OptionalDouble.empty());
    }

    /**
     * TuRBO-1's settings (lengths 0.8 in [2^-7, 1.6], 3 successes, max(4, d) failures), 2,000 candidates,
     * each changing 2 inputs on average; an additive plus ARD model and UCB with beta 1 (together measured
     * to halve the median regret on Ackley-10, BENCHMARKS.md "Simple regret after 100 evaluations").
     */
    public static TrustRegion defaults() {
      return new TrustRegion(true, 0.8, 0x1p-7, 1.6, 3, 0, 2_000, 2, true, OptionalDouble.of(1));
    }

    /** No trust region: the acquisition is maximized over the whole space. */
    public static TrustRegion off() {
      return new TrustRegion(false, 0.8, 0x1p-7, 1.6, 3, 0, 2_000, 2);
    }

    /** Failures in a row that halve the length in d dimensions. */
    public int failuresFor(int dimensions) {
      return failures > 0 ? failures : Math.max(4, dimensions);
    }
  }

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
    Objects.requireNonNull(trustRegion, "trustRegion");
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
   * search from the best 5, refit at 10% growth; in a space of numeric dimensions, a trust region
   * ({@link TrustRegion#defaults()}, measured better than the whole space on Branin, Hartmann-6 and
   * Ackley-10).
   */
  public static GpBayesConfig defaults() {
    return new GpBayesConfig(DEFAULT_INITIAL_DESIGN, Design.SOBOL, Encoding.CATEGORICAL, Pending.KRIGING_BELIEVER,
        AcquisitionKind.LOG_EI, 100_000, 250_000, 2_000, 5, 0.1, TrustRegion.defaults());
  }

  public GpBayesConfig withEncoding(Encoding value) {
    return new GpBayesConfig(initialDesign, design, value, pending, acquisition, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withPending(Pending value) {
    return new GpBayesConfig(initialDesign, design, encoding, value, acquisition, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withAcquisition(AcquisitionKind value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, value, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withDesign(Design value, int size) {
    return new GpBayesConfig(size, value, encoding, pending, acquisition, exhaustiveLimit, scoringBudget, poolSize,
        localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withExhaustiveLimit(int value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, acquisition, value, scoringBudget, poolSize,
        localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withScoringBudget(long value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, acquisition, exhaustiveLimit, value, poolSize,
        localSearchStarts, refitGrowth, trustRegion);
  }

  public GpBayesConfig withTrustRegion(TrustRegion value) {
    return new GpBayesConfig(initialDesign, design, encoding, pending, acquisition, exhaustiveLimit, scoringBudget,
        poolSize, localSearchStarts, refitGrowth, value);
  }
}
