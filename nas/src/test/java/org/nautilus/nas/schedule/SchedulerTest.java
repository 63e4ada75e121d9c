package org.nautilus.nas.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.TrialId;

class SchedulerTest {
  private static TrialId t(long id) {
    return TrialId.of(id);
  }

  @Test
  void ashaRungsAreGeometricBelowTheMaximum() {
    assertArrayEquals(new int[] {1, 3, 9, 27}, new AshaScheduler(Direction.MAXIMIZE, 1, 81, 3, 0).rungEpochs());
    assertArrayEquals(new int[] {3, 9, 27}, new AshaScheduler(Direction.MAXIMIZE, 1, 81, 3, 1).rungEpochs());
    assertArrayEquals(new int[] {2, 4, 8}, new AshaScheduler(Direction.MAXIMIZE, 2, 12, 2, 0).rungEpochs());
    assertThrows(IllegalArgumentException.class, () -> new AshaScheduler(Direction.MAXIMIZE, 1, 9, 1, 0));
  }

  @Test
  void ashaKeepsTheTopThirdAtEachRungAsResultsArrive() {
    AshaScheduler asha = new AshaScheduler(Direction.MAXIMIZE, 1, 9, 3, 0);
    // Epochs off the rungs (1 and 3) never stop a trial.
    assertEquals(Decision.CONTINUE, asha.onReport(t(9), 2, -100));
    // Alone at rung 0: its own cutoff.
    assertEquals(Decision.CONTINUE, asha.onReport(t(1), 1, 0.5));
    // {0.5, 0.4}: the 2/3-quantile is 0.4 + (0.5-0.4)*(2/3) = 0.4667 > 0.4: stop.
    assertInstanceOf(Decision.Stop.class, asha.onReport(t(2), 1, 0.4));
    // {0.5, 0.4, 0.9}: quantile at position 4/3 between 0.5 and 0.9 = 0.6333 <= 0.9: continue.
    assertEquals(Decision.CONTINUE, asha.onReport(t(3), 1, 0.9));
    // {0.5, 0.4, 0.9, 0.6}: position 2 of sorted {0.4, 0.5, 0.6, 0.9} = 0.6: 0.6 continues.
    assertEquals(Decision.CONTINUE, asha.onReport(t(4), 1, 0.6));
    // Rung 1 (epoch 3) keeps its own records: {0.8, 0.95} continue, then 0.6 is below 0.85.
    assertEquals(Decision.CONTINUE, asha.onReport(t(1), 3, 0.8));
    assertEquals(Decision.CONTINUE, asha.onReport(t(3), 3, 0.95));
    Decision.Stop stop = (Decision.Stop) asha.onReport(t(4), 3, 0.6);
    assertEquals(1, stop.rung());
    // A trial trained again replaces its own record instead of counting twice.
    assertEquals(Decision.CONTINUE, asha.onReport(t(4), 3, 0.99));
  }

  @Test
  void ashaMinimizesWhenToldTo() {
    AshaScheduler asha = new AshaScheduler(Direction.MINIMIZE, 1, 9, 3, 0);
    assertEquals(Decision.CONTINUE, asha.onReport(t(1), 1, 2.0));
    assertEquals(Decision.CONTINUE, asha.onReport(t(2), 1, 1.0)); // lower loss is better
    assertInstanceOf(Decision.Stop.class, asha.onReport(t(3), 1, 3.0));
  }

  @Test
  void quantileInterpolatesLikeNumpy() {
    assertEquals(2.5, AshaScheduler.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.5), 1e-12);
    assertEquals(3.25, AshaScheduler.quantile(List.of(4.0, 1.0, 3.0, 2.0), 0.75), 1e-12);
    assertEquals(7.0, AshaScheduler.quantile(List.of(7.0), 0.9), 1e-12);
  }

  @Test
  void hyperbandAssignsBracketsRoundRobinByTrialId() {
    HyperbandScheduler hyperband = new HyperbandScheduler(Direction.MAXIMIZE, 1, 9, 3);
    assertEquals(2, hyperband.brackets()); // rungs {1, 3} and {3}
    // Trial 1 is in bracket 0 (rung at epoch 1), trial 2 in bracket 1 (no rung at epoch 1).
    assertEquals(Decision.CONTINUE, hyperband.onReport(t(1), 1, 0.9));
    assertEquals(Decision.CONTINUE, hyperband.onReport(t(3), 1, 0.95));
    assertInstanceOf(Decision.Stop.class, hyperband.onReport(t(5), 1, 0.1));
    assertEquals(Decision.CONTINUE, hyperband.onReport(t(2), 1, 0.0), "bracket 1 judges no trial at epoch 1");
  }

  @Test
  void medianRuleStopsATrialWhoseBestIsBelowTheOthersMedianAverage() {
    MedianStoppingRule median = new MedianStoppingRule(Direction.MAXIMIZE, 1, 2);
    // Two trials with running averages at epoch 2: (0.5+0.7)/2 = 0.6 and (0.3+0.5)/2 = 0.4.
    for (long id : new long[] {1, 2}) {
      double base = id == 1 ? 0.5 : 0.3;
      assertEquals(Decision.CONTINUE, median.onReport(t(id), 1, base));
      assertEquals(Decision.CONTINUE, median.onReport(t(id), 2, base + 0.2));
    }
    // Median of {0.6, 0.4} is 0.5: a best of 0.45 stops, within the grace period it would not.
    assertEquals(Decision.CONTINUE, median.onReport(t(3), 1, 0.45), "epoch 1 is the grace period");
    assertInstanceOf(Decision.Stop.class, median.onReport(t(3), 2, 0.40));
    assertEquals(Decision.CONTINUE, median.onReport(t(4), 1, 0.1));
    assertEquals(Decision.CONTINUE, median.onReport(t(4), 2, 0.55), "best 0.55 >= median 0.5");
  }
}
