package org.nautilus.nas.search.bayes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.FreshCandidates;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SnapshotHeader;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CategoricalSpace;
import org.nautilus.nas.space.CategoricalDimension;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.ParamValue;
import org.nautilus.nas.space.SearchSpace;
import org.nautilus.surrogate.acquisition.Acquisition;
import org.nautilus.surrogate.acquisition.BetaSchedule;
import org.nautilus.surrogate.acquisition.ExpectedImprovement;
import org.nautilus.surrogate.acquisition.LogExpectedImprovement;
import org.nautilus.surrogate.acquisition.ProbabilityOfImprovement;
import org.nautilus.surrogate.acquisition.UpperConfidenceBound;
import org.nautilus.surrogate.gp.DegenerateDataException;
import org.nautilus.surrogate.gp.FitConfig;
import org.nautilus.surrogate.gp.GaussianProcess;
import org.nautilus.surrogate.gp.GpFitter;
import org.nautilus.surrogate.gp.Hyperparameters;
import org.nautilus.surrogate.kernel.Kernel;
import org.nautilus.surrogate.kernel.Matern52;
import org.nautilus.surrogate.kernel.Scaled;

/**
 * Gaussian-process Bayesian optimization, asynchronous: proposes while any number of trials are pending.
 *
 * <ul>
 *   <li><b>Initial design.</b> The first {@link GpBayesConfig#initialDesign()} proposals, and every
 *       proposal until two results have arrived, come from the design (Sobol points over the decisions,
 *       shifted by a seeded random vector modulo 1, or random); a design point already proposed is
 *       skipped. A space with a continuous dimension has no decisions and gets random points, so no
 *       design point sits at the centre of the domain by construction.
 *   <li><b>Model.</b> A GP on the encoded candidates ({@link GpBayesConfig.Encoding}) and the results
 *       turned into scores to maximize ({@link Direction#score}). Hyperparameters are fitted by maximum
 *       likelihood with a weak log-normal prior (2 starts: the defaults and the last fit) when the results
 *       have grown by {@link GpBayesConfig#refitGrowth()} since the last fit; in between, results are
 *       added in O(n^2) with the hyperparameters kept.
 *   <li><b>Pending trials</b> are added to the model as fantasies ({@link GpBayesConfig.Pending}), in
 *       trial order, so that a proposal made while others run goes elsewhere.
 *   <li><b>Proposal.</b> The unproposed candidate of highest acquisition against the best result so far:
 *       over the whole space when it is finite, at most {@link GpBayesConfig#exhaustiveLimit()} candidates
 *       and within the scoring budget; otherwise over a seeded random pool, then local search by single
 *       mutations from the pool's best and the best results. In a space of unconditional numeric
 *       dimensions with {@link GpBayesConfig#trustRegion()} enabled (the default), over Sobol candidates
 *       in a TuRBO-1 trust region around the best result instead ({@link GpBayesConfig.TrustRegion}); the
 *       results of those proposals grow or shrink the region. There, by default, the kernel also has an
 *       additive part (one Matérn-5/2 per input) and the candidates are scored by UCB with beta 1.
 *   <li><b>Outcomes.</b> {@code Completed} and {@code Pruned} results with a finite objective join the
 *       model (a pruned trial with the partial objective that got it stopped); {@code Failed} outcomes and
 *       non-finite objectives never do, and their candidates are not proposed again.
 *   <li><b>Degenerate data</b> (for instance a kernel matrix that no jitter repairs) never escapes: that
 *       proposal is a fresh random candidate instead, and the next one tries the model again.
 * </ul>
 *
 * <p>Deterministic: all randomness (design shift, fit seeds, pools) comes from the searcher's own
 * {@link SearchRandom}, and the model at any time is a function of the results in arrival order, the
 * fitted hyperparameters and the number of results at the last fit, all of which the snapshot holds (with
 * the trust region's length and counts, and which trials were proposed in it); a
 * restored searcher rebuilds the same model bit for bit and continues identically. {@code ask} does no
 * I/O; it fits the model when needed, in the caller's thread.
 */
public final class GpBayesSearcher implements Searcher {
  private static final int SNAPSHOT_VERSION = 2;
  private static final byte PENDING = 0;
  private static final byte COMPLETED = 1;
  private static final byte PRUNED = 2;
  private static final byte FAILED = 3;
  /** Sobol points tried before a design proposal falls back to a random fresh candidate. */
  private static final int DESIGN_RETRIES = 64;
  /** Local-search moves per start. */
  private static final int LOCAL_STEPS = 20;
  /** Mutations drawn per local-search step in a space without a finite neighbourhood. */
  private static final int LOCAL_MUTATIONS = 30;
  /** Hyperparameter fitting: 2 starts, 40 iterations, subsets of 200 results, prior sd 2 in log space. */
  private static final FitConfig FIT = FitConfig.defaults(0).withStarts(2).withMaxIterations(40).withSubsetSize(200)
      .withPriorSd(2);

  /** One trial: what was proposed, and what became of it. */
  private static final class Trial {
    final Candidate candidate;
    /** Whether it was proposed in the trust region (its result then moves the region). */
    final boolean inRegion;
    byte state = PENDING;
    double objective = Double.NaN;

    Trial(Candidate candidate, boolean inRegion) {
      this.candidate = candidate;
      this.inRegion = inRegion;
    }
  }

  /** Every candidate of a small finite space, encoded once. */
  private record Universe(Candidate[] candidates, String[] canonical, double[][] features) {}

  private final SearchSpace<Candidate> space;
  private final Optional<CategoricalSpace<Candidate>> categorical;
  private final GpBayesConfig config;
  private final Direction direction;
  private final Features features;
  private SearchRandom random;
  private SobolDesign design;
  private final TreeMap<TrialId, Trial> trials = new TreeMap<>();
  /** Canonical strings of every candidate proposed; only looked up, never iterated. */
  private final Set<String> proposed = new HashSet<>();
  /** Trials whose finite result is in the model, in arrival order. */
  private final List<TrialId> observed = new ArrayList<>();
  private long proposals;
  /** Fitted log-hyperparameters, or null before the first fit. */
  private double[] theta;
  /** Results in the model at the last fit. */
  private int fitSize;
  /** The model on the first {@code modelSize} results (derived state, rebuilt on demand, not snapshotted). */
  private GaussianProcess model;
  private int modelSize;
  private Universe universe;
  /** The unconditional numeric dimensions, in input order, when the trust region applies; else null. */
  private final List<Dimension> numeric;
  /** The trust region's state when it applies; else null. */
  private final TrustRegionState region;

  @SuppressWarnings("unchecked")
  private GpBayesSearcher(SearchSpace<?> space, GpBayesConfig config, Direction direction, long seed) {
    this.space = (SearchSpace<Candidate>) space; // its candidates are the only ones it is ever handed
    this.categorical = this.space.asCategorical();
    this.config = config;
    this.direction = direction;
    this.numeric = config.trustRegion().enabled() && config.encoding() == GpBayesConfig.Encoding.ONE_HOT
        ? numericDimensions(space) : null;
    Features base = Features.of(space, config.encoding());
    this.features = numeric != null && config.trustRegion().additive() ? Features.withAdditive(base, numeric.size())
        : base;
    this.random = SearchRandom.of(seed);
    this.design = newDesign();
    this.region = numeric == null ? null : new TrustRegionState(config.trustRegion(), numeric.size());
  }

  /**
   * The dimensions of a space of unconditional float and int dimensions only, whose one-hot (vector)
   * features are their scaled values in declaration order; null for any other space.
   */
  private static List<Dimension> numericDimensions(SearchSpace<?> space) {
    if (!(space instanceof HyperparameterSpace hps) || hps.dimensions().isEmpty()) {
      return null;
    }
    for (Dimension d : hps.dimensions()) {
      if (d instanceof CategoricalDimension || d.condition().isPresent()) {
        return null;
      }
    }
    return List.copyOf(hps.dimensions());
  }

  /**
   * A GP searcher over {@code space}.
   *
   * @throws IllegalArgumentException if the configured encoding does not apply to the space
   */
  public static GpBayesSearcher of(SearchSpace<?> space, GpBayesConfig config, Direction direction, long seed) {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(direction, "direction");
    return new GpBayesSearcher(space, config, direction, seed);
  }

  /**
   * A GP searcher with {@link GpBayesConfig#defaults()}, or with the one-hot encoding when the space has a
   * continuous dimension (the categorical encoding needs decisions).
   */
  public static GpBayesSearcher of(SearchSpace<?> space, Direction direction, long seed) {
    GpBayesConfig config = GpBayesConfig.defaults();
    if (space.asCategorical().isEmpty()) {
      config = config.withEncoding(GpBayesConfig.Encoding.ONE_HOT);
    }
    return of(space, config, direction, seed);
  }

  private SobolDesign newDesign() {
    if (config.design() != GpBayesConfig.Design.SOBOL || categorical.isEmpty()) {
      return null;
    }
    int[] sizes = categorical.get().cardinalities();
    if (sizes.length == 0 || sizes.length > SobolDesign.MAX_DIMENSIONS) {
      return null;
    }
    double[] shift = new double[sizes.length];
    for (int i = 0; i < shift.length; i++) {
      shift[i] = random.nextDouble();
    }
    return new SobolDesign(sizes, shift, 0);
  }

  /** The settings this searcher runs with. */
  public GpBayesConfig config() {
    return config;
  }

  /** Results in the model (finite completed or pruned objectives). */
  public int observations() {
    return observed.size();
  }

  /**
   * The trust region's length, successes and failures in a row, and restarts, when it applies (a space of
   * numeric dimensions with the region enabled); for tests and reports.
   */
  public Optional<double[]> regionState() {
    return region == null ? Optional.empty()
        : Optional.of(new double[] {region.length(), region.successes(), region.failures(), region.restarts()});
  }

  /** The hyperparameters of the last fit, if any. */
  public Optional<Hyperparameters> hyperparameters() {
    return theta == null ? Optional.empty() : Optional.of(features.initial().withVector(theta));
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trials.containsKey(trial)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    boolean modelled = !(proposals < config.initialDesign() || observed.size() < 2);
    boolean inRegion = modelled && region != null;
    Optional<Candidate> candidate = !modelled ? designCandidate() : inRegion ? regionCandidate() : modelCandidate();
    if (candidate.isEmpty()) {
      candidate = FreshCandidates.draw(space, proposed, random);
    }
    if (candidate.isEmpty()) {
      return Optional.empty(); // only in a huge space after many unlucky draws
    }
    trials.put(trial, new Trial(candidate.get(), inRegion));
    proposed.add(candidate.get().canonical());
    proposals++;
    return Optional.of(new Proposal(trial, candidate.get()));
  }

  private Optional<Candidate> designCandidate() {
    if (design == null) {
      return Optional.empty();
    }
    for (int i = 0; i < DESIGN_RETRIES; i++) {
      Candidate c = categorical.get().fromDecisions(design.next());
      if (!proposed.contains(c.canonical())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private Optional<Candidate> modelCandidate() {
    try {
      GaussianProcess fantasy = withPending(currentModel());
      double incumbent = Double.NEGATIVE_INFINITY;
      for (TrialId id : observed) {
        incumbent = Math.max(incumbent, score(trials.get(id)));
      }
      Acquisition acquisition = acquisition();
      boolean monotone = config.acquisition() != GpBayesConfig.AcquisitionKind.PI;
      int modelled = fantasy.size();
      List<Candidate> pool = new ArrayList<>();
      List<double[]> encoded = new ArrayList<>();
      boolean whole = pool(pool, encoded, modelled);
      if (pool.isEmpty()) {
        return Optional.empty();
      }
      double[][] x = encoded.toArray(new double[0][]);
      AcquisitionMaximizer.Best best = AcquisitionMaximizer.maximize(fantasy, x, acquisition, incumbent, monotone);
      Candidate choice = pool.get(best.index());
      double choiceScore = best.score();
      if (!whole && config.localSearchStarts() > 0) {
        for (Candidate start : localStarts(choice)) {
          double startScore = start == choice ? choiceScore
              : AcquisitionMaximizer.maximize(fantasy, new double[][] {features.encode(start)}, acquisition,
                  incumbent, monotone).score();
          Candidate at = start;
          for (int step = 0; step < LOCAL_STEPS; step++) {
            List<Candidate> next = freshNeighbours(at);
            if (next.isEmpty()) {
              break;
            }
            AcquisitionMaximizer.Best move = AcquisitionMaximizer.maximize(fantasy, encodeAll(next), acquisition,
                incumbent, monotone);
            if (!(move.score() > startScore)) {
              break;
            }
            at = next.get(move.index());
            startScore = move.score();
            if (startScore > choiceScore) {
              choice = at;
              choiceScore = startScore;
            }
          }
        }
      }
      return Optional.of(choice);
    } catch (DegenerateDataException e) {
      return Optional.empty(); // defined fallback: a fresh random candidate
    }
  }

  /**
   * The unproposed candidate of highest acquisition among Sobol points in the trust region around the
   * best result ({@link GpBayesConfig.TrustRegion}); empty (a random fresh candidate instead) if none is
   * unproposed or the data is degenerate.
   */
  private Optional<Candidate> regionCandidate() {
    try {
      GaussianProcess fantasy = withPending(currentModel());
      Trial best = null;
      double incumbent = Double.NEGATIVE_INFINITY;
      for (TrialId id : observed) { // the best result, the earliest of equals
        double s = score(trials.get(id));
        if (s > incumbent) {
          incumbent = s;
          best = trials.get(id);
        }
      }
      double[] centre = features.encode(best.candidate);
      int d = centre.length;
      double[] weights = regionWeights(d);
      double[] lo = new double[d];
      double[] hi = new double[d];
      for (int i = 0; i < d; i++) {
        double half = 0.5 * region.length() * weights[i];
        lo[i] = Math.max(0, centre[i] - half);
        hi[i] = Math.min(1, centre[i] + half);
      }
      SobolSequenceGenerator sobol = new SobolSequenceGenerator(d);
      double[] shift = new double[d];
      for (int i = 0; i < d; i++) {
        shift[i] = random.nextDouble();
      }
      double perturb = Math.min(1, config.trustRegion().perturbed() / d);
      List<Candidate> pool = new ArrayList<>();
      List<double[]> encoded = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int c = 0; c < config.trustRegion().candidates(); c++) {
        double[] u = sobol.nextVector();
        double[] point = centre.clone();
        boolean changed = false;
        for (int i = 0; i < d; i++) {
          if (random.nextDouble() < perturb) {
            double v = u[i] + shift[i];
            point[i] = lo[i] + (v - Math.floor(v)) * (hi[i] - lo[i]);
            changed = true;
          }
        }
        if (!changed) {
          int i = random.nextInt(d);
          double v = u[i] + shift[i];
          point[i] = lo[i] + (v - Math.floor(v)) * (hi[i] - lo[i]);
        }
        Candidate candidate = fromScaled(point);
        if (!proposed.contains(candidate.canonical()) && seen.add(candidate.canonical())) {
          pool.add(candidate);
          encoded.add(features.encode(candidate));
        }
      }
      if (pool.isEmpty()) {
        return Optional.empty();
      }
      OptionalDouble beta = config.trustRegion().ucbBeta();
      Acquisition acquisition = beta.isPresent() ? (mean, sd, ignored) -> mean + beta.getAsDouble() * sd
          : acquisition();
      boolean monotone = beta.isPresent() || config.acquisition() != GpBayesConfig.AcquisitionKind.PI;
      AcquisitionMaximizer.Best choice = AcquisitionMaximizer.maximize(fantasy, encoded.toArray(new double[0][]),
          acquisition, incumbent, monotone);
      return Optional.of(pool.get(choice.index()));
    } catch (DegenerateDataException e) {
      return Optional.empty(); // defined fallback: a fresh random candidate
    }
  }

  /**
   * The trust region's relative side lengths: the fitted length-scales over their geometric mean (TuRBO's
   * weights), all 1 before the first fit or for a kernel without length-scales per input.
   */
  private double[] regionWeights(int d) {
    double[] w = new double[d];
    java.util.Arrays.fill(w, 1);
    if (theta == null) {
      return w;
    }
    Kernel kernel = features.initial().withVector(theta).kernel();
    if (kernel instanceof Scaled scaled && scaled.inner() instanceof Matern52 matern
        && matern.parameterCount() == d) {
      double[] l = matern.lengthscales();
      double logMean = 0;
      for (double v : l) {
        logMean += Math.log(v) / d;
      }
      for (int i = 0; i < d; i++) {
        w[i] = Math.exp(Math.log(l[i]) - logMean);
      }
    }
    return w;
  }

  /** The configuration at scaled coordinates {@code point} of the numeric dimensions. */
  private Candidate fromScaled(double[] point) {
    java.util.TreeMap<String, ParamValue> values = new java.util.TreeMap<>();
    for (int i = 0; i < point.length; i++) {
      Dimension d = numeric.get(i);
      values.put(d.name(), d.fromScaled(point[i]));
    }
    return Configuration.of(values);
  }

  private Acquisition acquisition() {
    switch (config.acquisition()) {
      case EI:
        return new ExpectedImprovement(0);
      case PI:
        return new ProbabilityOfImprovement(0);
      case UCB: {
        long size = space.finiteSize().orElse(1_000_000L);
        return UpperConfidenceBound.at(BetaSchedule.srinivas(Math.max(1, size), 0.1), observed.size() + 1L);
      }
      default:
        return new LogExpectedImprovement(0);
    }
  }

  /** Fills {@code pool}; true if it is every unproposed candidate (then no local search is needed). */
  private boolean pool(List<Candidate> pool, List<double[]> encoded, int modelled) {
    long affordable = Math.max(config.poolSize(), config.scoringBudget() / Math.max(1, modelled));
    Universe all = universe();
    if (all != null) {
      List<Integer> fresh = new ArrayList<>();
      for (int i = 0; i < all.candidates().length; i++) {
        if (!proposed.contains(all.canonical()[i])) {
          fresh.add(i);
        }
      }
      if (fresh.size() <= affordable) {
        for (int i : fresh) {
          pool.add(all.candidates()[i]);
          encoded.add(all.features()[i]);
        }
        return true;
      }
      for (int i = 0; i < affordable; i++) { // partial Fisher-Yates: a seeded random subset
        int j = i + random.nextInt(fresh.size() - i);
        Integer t = fresh.get(i);
        fresh.set(i, fresh.get(j));
        fresh.set(j, t);
        pool.add(all.candidates()[fresh.get(i)]);
        encoded.add(all.features()[fresh.get(i)]);
      }
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < config.poolSize() * 2 && pool.size() < config.poolSize(); i++) {
      Candidate c = space.sample(random);
      if (!proposed.contains(c.canonical()) && seen.add(c.canonical())) {
        pool.add(c);
        encoded.add(features.encode(c));
      }
    }
    return false;
  }

  /** The pool's best, then the best results (most {@code localSearchStarts} in all). */
  private List<Candidate> localStarts(Candidate poolBest) {
    List<Candidate> starts = new ArrayList<>(List.of(poolBest));
    List<TrialId> ranked = new ArrayList<>(observed);
    ranked.sort((a, b) -> {
      int byScore = Double.compare(score(trials.get(b)), score(trials.get(a)));
      return byScore != 0 ? byScore : a.compareTo(b);
    });
    for (TrialId id : ranked) {
      if (starts.size() >= config.localSearchStarts()) {
        break;
      }
      starts.add(trials.get(id).candidate);
    }
    return starts;
  }

  /**
   * Unproposed candidates one mutation from {@code at}: the listed neighbours of a categorical space;
   * otherwise the listed neighbours (if any) plus random mutations, which reach the steps between them.
   */
  private List<Candidate> freshNeighbours(Candidate at) {
    List<Candidate> all = new ArrayList<>();
    try {
      all.addAll(space.neighbours(at));
    } catch (UnsupportedOperationException e) {
      // no listed neighbourhood: mutations only
    }
    if (categorical.isEmpty()) {
      for (int i = 0; i < LOCAL_MUTATIONS; i++) {
        all.add(space.mutate(at, random));
      }
    }
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Candidate c : all) {
      if (!proposed.contains(c.canonical()) && seen.add(c.canonical())) {
        out.add(c);
      }
    }
    return out;
  }

  private Universe universe() {
    if (universe != null) {
      return universe;
    }
    OptionalLong size = space.finiteSize();
    if (categorical.isEmpty() || size.isEmpty() || size.getAsLong() > config.exhaustiveLimit()) {
      return null;
    }
    int n = (int) size.getAsLong();
    Candidate[] candidates = new Candidate[n];
    String[] canonical = new String[n];
    double[][] x = new double[n][];
    Iterator<Candidate> it = categorical.get().enumerate();
    for (int i = 0; i < n && it.hasNext(); i++) {
      candidates[i] = it.next();
      canonical[i] = candidates[i].canonical();
      x[i] = features.encode(candidates[i]);
    }
    universe = new Universe(candidates, canonical, x);
    return universe;
  }

  private double[][] encodeAll(List<Candidate> candidates) {
    double[][] x = new double[candidates.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = features.encode(candidates.get(i));
    }
    return x;
  }

  private double score(Trial trial) {
    return direction.score(trial.objective);
  }

  /**
   * The model on every result: refitted when the results grew enough since the last fit, else the cached
   * model extended by the new results, or rebuilt from the last fit's hyperparameters (after a restore).
   */
  private GaussianProcess currentModel() {
    int n = observed.size();
    if (theta == null || n >= fitSize + Math.max(1, (int) Math.ceil(fitSize * config.refitGrowth()))) {
      double[][] x = new double[n][];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        Trial t = trials.get(observed.get(i));
        x[i] = features.encode(t.candidate);
        y[i] = score(t);
      }
      List<Hyperparameters> warm = theta == null ? List.of() : List.of(features.initial().withVector(theta));
      GpFitter.Fit fit = GpFitter.fit(x, y, features.initial(), warm, FIT.withSeed(random.nextLong()));
      theta = fit.hyperparameters().vector();
      fitSize = n;
      model = null;
    }
    if (model == null || modelSize > n) {
      double[][] x = new double[fitSize][];
      double[] y = new double[fitSize];
      for (int i = 0; i < fitSize; i++) {
        Trial t = trials.get(observed.get(i));
        x[i] = features.encode(t.candidate);
        y[i] = score(t);
      }
      model = GaussianProcess.fit(x, y, features.initial().withVector(theta));
      modelSize = fitSize;
    }
    while (modelSize < n) {
      Trial t = trials.get(observed.get(modelSize));
      model = model.withObservation(features.encode(t.candidate), score(t));
      modelSize++;
    }
    return model;
  }

  /** {@code base} with every pending candidate added as a fantasy, in trial order. */
  private GaussianProcess withPending(GaussianProcess base) {
    double worst = Double.POSITIVE_INFINITY;
    for (TrialId id : observed) {
      worst = Math.min(worst, score(trials.get(id)));
    }
    GaussianProcess out = base;
    for (Trial t : trials.values()) {
      if (t.state != PENDING) {
        continue;
      }
      double[] x = features.encode(t.candidate);
      double lie = config.pending() == GpBayesConfig.Pending.KRIGING_BELIEVER ? out.predict(x).mean() : worst;
      out = out.withObservation(x, lie);
    }
    return out;
  }

  @Override
  public void tell(Outcome outcome) {
    Trial trial = trials.get(outcome.trial());
    if (trial == null) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was not proposed by this searcher");
    }
    if (trial.state != PENDING) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was already told");
    }
    if (trial.inRegion && region != null) {
      double objective = outcome instanceof Outcome.Completed c ? c.objective()
          : outcome instanceof Outcome.Pruned p ? p.objective() : Double.NaN;
      region.record(improves(objective));
    }
    if (outcome instanceof Outcome.Completed c) {
      record(outcome.trial(), trial, COMPLETED, c.objective());
    } else if (outcome instanceof Outcome.Pruned p) {
      record(outcome.trial(), trial, PRUNED, p.objective());
    } else {
      trial.state = FAILED;
    }
  }

  /** Whether a result beats the best result so far by more than 1e-3 of its magnitude (TuRBO's success). */
  private boolean improves(double objective) {
    if (!Double.isFinite(objective)) {
      return false;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (TrialId id : observed) {
      best = Math.max(best, score(trials.get(id)));
    }
    double s = direction.score(objective);
    return best == Double.NEGATIVE_INFINITY || s > best + 1e-3 * Math.abs(best);
  }

  private void record(TrialId id, Trial trial, byte state, double objective) {
    trial.state = state;
    trial.objective = objective;
    if (Double.isFinite(objective)) {
      observed.add(id);
    }
  }

  @Override
  public boolean isExhausted() {
    OptionalLong size = space.finiteSize();
    return size.isPresent() && proposed.size() >= size.getAsLong();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SnapshotHeader.write(out, SNAPSHOT_VERSION, space);
      out.writeUTF(config.toString());
      out.writeUTF(direction.name());
      out.writeLong(random.seed());
      out.writeLong(random.counter());
      out.writeBoolean(design != null);
      if (design != null) {
        double[] shift = design.shift();
        out.writeInt(shift.length);
        for (double s : shift) {
          out.writeLong(Double.doubleToRawLongBits(s));
        }
        out.writeLong(design.drawn());
      }
      out.writeLong(proposals);
      out.writeInt(trials.size());
      for (Map.Entry<TrialId, Trial> e : trials.entrySet()) {
        out.writeLong(e.getKey().value());
        out.writeUTF(e.getValue().candidate.canonical());
        out.writeByte(e.getValue().state);
        out.writeBoolean(e.getValue().inRegion);
        out.writeLong(Double.doubleToRawLongBits(e.getValue().objective));
      }
      out.writeInt(observed.size());
      for (TrialId id : observed) {
        out.writeLong(id.value());
      }
      out.writeInt(theta == null ? -1 : theta.length);
      if (theta != null) {
        for (double v : theta) {
          out.writeLong(Double.doubleToRawLongBits(v));
        }
      }
      out.writeInt(fitSize);
      out.writeBoolean(region != null);
      if (region != null) {
        out.writeLong(Double.doubleToRawLongBits(region.length()));
        out.writeInt(region.successes());
        out.writeInt(region.failures());
        out.writeInt(region.restarts());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      SnapshotHeader.read(in, "GP searcher", SNAPSHOT_VERSION, space);
      String savedConfig = in.readUTF();
      if (!savedConfig.equals(config.toString())) {
        throw new IllegalArgumentException("snapshot settings " + savedConfig + " differ from this searcher's "
            + config);
      }
      String savedDirection = in.readUTF();
      if (!savedDirection.equals(direction.name())) {
        throw new IllegalArgumentException("snapshot direction " + savedDirection + " differs from this searcher's "
            + direction);
      }
      SearchRandom restoredRandom = SearchRandom.restore(in.readLong(), in.readLong());
      SobolDesign restoredDesign = null;
      if (in.readBoolean()) {
        double[] shift = new double[in.readInt()];
        for (int i = 0; i < shift.length; i++) {
          shift[i] = Double.longBitsToDouble(in.readLong());
        }
        long drawn = in.readLong();
        int[] sizes = categorical.map(CategoricalSpace::cardinalities).orElseThrow(
            () -> new IllegalArgumentException("corrupt GP snapshot: a Sobol design over a continuous space"));
        restoredDesign = new SobolDesign(sizes, shift, drawn);
      }
      long restoredProposals = in.readLong();
      TreeMap<TrialId, Trial> restoredTrials = new TreeMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        TrialId id = TrialId.of(in.readLong());
        Candidate candidate = space.parse(in.readUTF());
        byte state = in.readByte();
        Trial trial = new Trial(candidate, in.readBoolean());
        trial.state = state;
        trial.objective = Double.longBitsToDouble(in.readLong());
        restoredTrials.put(id, trial);
      }
      List<TrialId> restoredObserved = new ArrayList<>();
      int m = in.readInt();
      for (int i = 0; i < m; i++) {
        TrialId id = TrialId.of(in.readLong());
        Trial t = restoredTrials.get(id);
        if (t == null || !Double.isFinite(t.objective)) {
          throw new IllegalArgumentException("corrupt GP snapshot: observation " + id + " has no finite result");
        }
        restoredObserved.add(id);
      }
      int thetaLength = in.readInt();
      double[] restoredTheta = null;
      if (thetaLength >= 0) {
        if (thetaLength != features.initial().size()) {
          throw new IllegalArgumentException("corrupt GP snapshot: " + thetaLength + " hyperparameters, expected "
              + features.initial().size());
        }
        restoredTheta = new double[thetaLength];
        for (int i = 0; i < thetaLength; i++) {
          restoredTheta[i] = Double.longBitsToDouble(in.readLong());
        }
      }
      int restoredFitSize = in.readInt();
      if (restoredFitSize < 0 || restoredFitSize > restoredObserved.size()) {
        throw new IllegalArgumentException("corrupt GP snapshot: fitted on " + restoredFitSize + " of "
            + restoredObserved.size() + " results");
      }
      if (in.readBoolean() != (region != null)) {
        throw new IllegalArgumentException("corrupt GP snapshot: trust region " + (region == null ? "present" : "absent"));
      }
      if (region != null) {
        region.restore(Double.longBitsToDouble(in.readLong()), in.readInt(), in.readInt(), in.readInt());
      }
      random = restoredRandom;
      design = restoredDesign;
      proposals = restoredProposals;
      trials.clear();
      trials.putAll(restoredTrials);
      proposed.clear();
      restoredTrials.values().forEach(t -> proposed.add(t.candidate.canonical()));
      observed.clear();
      observed.addAll(restoredObserved);
      theta = restoredTheta;
      fitSize = restoredFitSize;
      model = null;
      modelSize = 0;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated GP searcher snapshot", e);
    }
  }
}
