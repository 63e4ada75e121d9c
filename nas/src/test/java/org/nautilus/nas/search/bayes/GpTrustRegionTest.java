package org.nautilus.nas.search.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.HyperparameterSpace;

/** The trust region of the GP searcher in a space of numeric dimensions: state, snapshots, design. */
class GpTrustRegionTest {
  private static final HyperparameterSpace BRANIN = Branin.space();

  private static double branin(Configuration c) {
    return Branin.of(c);
  }

  /** Asks and tells trials {@code from .. from + n - 1} sequentially; the proposals' canonical strings. */
  private static List<String> drive(GpBayesSearcher s, long from, int n) {
    List<String> out = new ArrayList<>();
    for (long t = from; t < from + n; t++) {
      Proposal p = s.ask(TrialId.of(t)).orElseThrow();
      out.add(p.candidate().canonical());
      s.tell(new Outcome.Completed(p.trial(), branin((Configuration) p.candidate()), Map.of()));
    }
    return out;
  }

  @Test
  void theRegionMovesAndRestoreThenReplayEqualsAnUninterruptedRun() {
    GpBayesSearcher uninterrupted = GpBayesSearcher.of(BRANIN, Direction.MINIMIZE, 5);
    List<String> first = drive(uninterrupted, 1, 24);
    assertTrue(uninterrupted.regionState().isPresent(), "the trust region applies to a float space");
    double[] state = uninterrupted.regionState().get();
    assertTrue(state[0] != 0.8 || state[1] != 0 || state[2] != 0,
        "after 14 proposals in the region its state has moved from the start: " + java.util.Arrays.toString(state));
    byte[] snapshot = uninterrupted.snapshot();
    List<String> rest = drive(uninterrupted, 25, 8);

    GpBayesSearcher restored = GpBayesSearcher.of(BRANIN, Direction.MINIMIZE, 77);
    restored.restore(snapshot);
    assertArrayEquals(state, restored.regionState().orElseThrow());
    assertArrayEquals(snapshot, restored.snapshot());
    assertEquals(rest, drive(restored, 25, 8));
    assertArrayEquals(uninterrupted.snapshot(), restored.snapshot());

    // replaying the same calls from scratch gives the same proposals too
    GpBayesSearcher replay = GpBayesSearcher.of(BRANIN, Direction.MINIMIZE, 5);
    assertEquals(first, drive(replay, 1, 24));
    assertEquals(rest, drive(replay, 25, 8));
  }

  @Test
  void byDefaultTheRegionsModelAddsOneKernelPerInputAndItsScoreIsUcb() {
    GpBayesSearcher additive = GpBayesSearcher.of(BRANIN, Direction.MINIMIZE, 5);
    List<String> withAdditive = drive(additive, 1, 16);
    List<String> names = additive.hyperparameters().orElseThrow().names();
    // per input a variance and a length-scale, then the ARD kernel's variance and 2 length-scales, then the noise
    assertEquals(2 * 2 + 3 + 1, names.size(), names.toString());

    GpBayesConfig.TrustRegion d = GpBayesConfig.TrustRegion.defaults();
    GpBayesConfig.TrustRegion ardOnly = new GpBayesConfig.TrustRegion(true, d.initialLength(), d.minLength(),
        d.maxLength(), d.successes(), d.failures(), d.candidates(), d.perturbed(), false, d.ucbBeta());
    GpBayesSearcher ard = GpBayesSearcher.of(BRANIN, GpBayesConfig.defaults()
        .withEncoding(GpBayesConfig.Encoding.ONE_HOT).withTrustRegion(ardOnly), Direction.MINIMIZE, 5);
    List<String> withArdOnly = drive(ard, 1, 16);
    assertEquals(3 + 1, ard.hyperparameters().orElseThrow().names().size());
    assertEquals(withAdditive.subList(0, 10), withArdOnly.subList(0, 10), "the same random design");
    assertNotEquals(withAdditive, withArdOnly);

    GpBayesConfig.TrustRegion logEi = new GpBayesConfig.TrustRegion(true, d.initialLength(), d.minLength(),
        d.maxLength(), d.successes(), d.failures(), d.candidates(), d.perturbed(), true,
        java.util.OptionalDouble.empty());
    List<String> withLogEi = drive(GpBayesSearcher.of(BRANIN, GpBayesConfig.defaults()
        .withEncoding(GpBayesConfig.Encoding.ONE_HOT).withTrustRegion(logEi), Direction.MINIMIZE, 5), 1, 16);
    assertNotEquals(withAdditive, withLogEi, "UCB and log-EI pick different candidates");
  }

  @Test
  void withTheRegionOffThereIsNoRegionState() {
    GpBayesConfig off = GpBayesConfig.defaults().withEncoding(GpBayesConfig.Encoding.ONE_HOT)
        .withTrustRegion(GpBayesConfig.TrustRegion.off());
    GpBayesSearcher s = GpBayesSearcher.of(BRANIN, off, Direction.MINIMIZE, 5);
    drive(s, 1, 14);
    assertTrue(s.regionState().isEmpty());
    assertTrue(GpBayesSearcher.of(new org.nautilus.nas.space.Nb201Space(), Direction.MAXIMIZE, 1).regionState()
        .isEmpty(), "a categorical space is searched whole");
  }

  @Test
  void theInitialDesignOfAContinuousSpaceNeverPutsACoordinateAtTheCentre() {
    for (long seed = 1; seed <= 50; seed++) {
      GpBayesSearcher s = GpBayesSearcher.of(BRANIN, Direction.MINIMIZE, seed);
      for (long t = 1; t <= GpBayesConfig.DEFAULT_INITIAL_DESIGN; t++) {
        Configuration c = (Configuration) s.ask(TrialId.of(t)).orElseThrow().candidate();
        assertNotEquals(2.5, c.number("x1"), "seed " + seed);
        assertNotEquals(7.5, c.number("x2"), "seed " + seed);
      }
    }
  }
}
