package org.nautilus.nas.search.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchQuality;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SyntheticNb201Objective;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.surrogate.acquisition.LogExpectedImprovement;
import org.nautilus.surrogate.acquisition.ProbabilityOfImprovement;
import org.nautilus.surrogate.gp.GaussianProcess;
import org.nautilus.surrogate.gp.Hyperparameters;
import org.nautilus.surrogate.kernel.Kernel;

/** Search quality (small budgets, few seeds: the benchmarks in bench/ run the full protocols) and edge cases. */
class GpBayesQualityTest {
  private static final SyntheticNb201Objective OBJECTIVE = new SyntheticNb201Objective(1);

  /*
   * Measured (objective seed 1, 4 runs x 40 evaluations): random's mean best 10.74 (per-run sd about 0.65,
   * so a standard error of 0.33 over 4 runs), the GP's 13.14 with 1 worker and 12.97 with 8 pending, where the
   * optimum is 13.17; on objective seed 3 the margin was 2.0. Asserting 1.0 leaves three standard errors.
   */
  private static final double NB201_MARGIN = 1.0;

  private static double randomMeanBest() {
    return SearchQuality.meanBest(OBJECTIVE, seed -> RandomSearcher.of(OBJECTIVE.space(), seed), 4, 40, 1);
  }

  @Test
  void beatsRandomSearchOnTheSyntheticNb201ObjectiveWithOneWorker() {
    double gp = SearchQuality.meanBest(OBJECTIVE,
        seed -> GpBayesSearcher.of(OBJECTIVE.space(), Direction.MAXIMIZE, seed), 4, 40, 1);
    double random = randomMeanBest();
    assertTrue(gp - random >= NB201_MARGIN, "GP " + gp + " vs random " + random);
  }

  @Test
  void beatsRandomSearchWithEightPendingUnderBothPendingPolicies() {
    // SearchQuality keeps 8 trials pending, tells a seeded random one, and fails on a pending duplicate
    for (GpBayesConfig.Pending policy : GpBayesConfig.Pending.values()) {
      GpBayesConfig config = GpBayesConfig.defaults().withPending(policy);
      double gp = SearchQuality.meanBest(OBJECTIVE,
          seed -> GpBayesSearcher.of(OBJECTIVE.space(), config, Direction.MAXIMIZE, seed), 2, 40, 8);
      double random = randomMeanBest();
      assertTrue(gp - random >= NB201_MARGIN, policy + ": GP " + gp + " vs random " + random);
    }
  }

  /** Median simple regret on Branin after 30 evaluations over seeds 1..3. */
  private static double braninMedianRegret(boolean gp) {
    double[] regrets = new double[3];
    for (int seed = 1; seed <= 3; seed++) {
      Searcher s = gp ? GpBayesSearcher.of(Branin.space(), Direction.MINIMIZE, seed)
          : RandomSearcher.of(Branin.space(), seed);
      double best = Double.POSITIVE_INFINITY;
      for (long t = 1; t <= 30; t++) {
        Proposal p = s.ask(TrialId.of(t)).orElseThrow();
        double v = Branin.of((Configuration) p.candidate());
        best = Math.min(best, v);
        s.tell(new Outcome.Completed(p.trial(), v, Map.of()));
      }
      regrets[seed - 1] = best - Branin.MINIMUM;
    }
    Arrays.sort(regrets);
    return regrets[1];
  }

  @Test
  void beatsRandomSearchOnBraninByTenTimes() {
    // measured: random's median regret 1.79 (seeds 1..3: 0.011, 1.79, 3.36), the GP's 0.015 (0.008..0.025)
    double gp = braninMedianRegret(true);
    double random = braninMedianRegret(false);
    assertTrue(gp * 10 <= random, "GP median regret " + gp + " vs random " + random);
    assertTrue(gp < 0.1, "GP median regret " + gp);
  }

  @Test
  void allEncodingsSearchTheNb201Space() {
    for (GpBayesConfig.Encoding encoding : GpBayesConfig.Encoding.values()) {
      GpBayesConfig config = GpBayesConfig.defaults().withEncoding(encoding);
      double best = SearchQuality.bestOfRun(OBJECTIVE, GpBayesSearcher.of(OBJECTIVE.space(), config, Direction.MAXIMIZE,
          5), 20, 1, 5);
      assertTrue(best > OBJECTIVE.quantile(0.95), encoding + " found only " + best);
    }
  }

  @Test
  void constantNaNAndFailedResultsGiveDefinedBehaviour() {
    Nb201Space space = new Nb201Space();
    GpBayesSearcher searcher = GpBayesSearcher.of(space, Direction.MAXIMIZE, 3);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 40; t++) {
      Proposal p = searcher.ask(TrialId.of(t)).orElseThrow();
      assertTrue(seen.add(p.candidate().canonical()), "proposed twice at " + t);
      Outcome outcome = switch ((int) (t % 4)) {
        case 0 -> new Outcome.Completed(p.trial(), Double.NaN, Map.of()); // a diverged trial reported as NaN
        case 1 -> new Outcome.Failed(p.trial(), "out of memory");
        default -> new Outcome.Completed(p.trial(), 0.5, Map.of()); // a constant objective
      };
      searcher.tell(outcome);
    }
    assertEquals(20, searcher.observations(), "NaN and failed results stay out of the model");
    assertTrue(searcher.hyperparameters().isPresent(), "the model was fitted on the constant results");
  }

  @Test
  void theBoundedMaximizerFindsTheExactMaximum() {
    SearchRandom r = SearchRandom.of(4);
    double[][] x = new double[30][3];
    double[] y = new double[30];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = r.nextDouble();
      }
      y[i] = Math.sin(5 * x[i][0]) * x[i][1] - x[i][2];
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(Kernel.scaled(Kernel.matern52(3)
        .withLengthscale(0.3), 1), 1e-4));
    double[][] points = new double[2000][3];
    for (double[] p : points) {
      for (int j = 0; j < 3; j++) {
        p[j] = r.nextDouble();
      }
    }
    double incumbent = Arrays.stream(y).max().orElseThrow();
    LogExpectedImprovement logEi = new LogExpectedImprovement(0);
    int bruteForce = -1;
    double bruteScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < points.length; i++) {
      double s = logEi.score(gp.predict(points[i]).mean(), gp.predict(points[i]).stdDev(), incumbent);
      if (s > bruteScore) {
        bruteScore = s;
        bruteForce = i;
      }
    }
    AcquisitionMaximizer.Best bounded = AcquisitionMaximizer.maximize(gp, points, logEi, incumbent, true);
    assertEquals(bruteForce, bounded.index());
    assertEquals(bruteScore, bounded.score(), 1e-9);
    AcquisitionMaximizer.Best pi = AcquisitionMaximizer.maximize(gp, points, new ProbabilityOfImprovement(0),
        incumbent, false);
    assertTrue(pi.index() >= 0 && pi.score() > 0);
  }

  @Test
  void settingsAndEncodingsAreValidatedWithClearMessages() {
    assertEquals("gp.initial_design must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> GpBayesConfig.defaults().withDesign(GpBayesConfig.Design.SOBOL, 0)).getMessage());
    assertEquals("gp.encoding path is defined for the NAS-Bench-201 space only, not 'hyperparameters'",
        assertThrows(IllegalArgumentException.class, () -> GpBayesSearcher.of(Branin.space(),
            GpBayesConfig.defaults().withEncoding(GpBayesConfig.Encoding.PATH), Direction.MINIMIZE, 1)).getMessage());
    GpBayesSearcher a = GpBayesSearcher.of(new Nb201Space(), Direction.MAXIMIZE, 1);
    GpBayesSearcher other = GpBayesSearcher.of(new Nb201Space(),
        GpBayesConfig.defaults().withPending(GpBayesConfig.Pending.CONSTANT_LIAR), Direction.MAXIMIZE, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> other.restore(a.snapshot())).getMessage()
        .startsWith("snapshot settings GpBayesConfig[initialDesign=10"));
  }
}
