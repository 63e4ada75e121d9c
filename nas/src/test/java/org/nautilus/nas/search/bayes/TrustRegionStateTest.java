package org.nautilus.nas.search.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrustRegionStateTest {
  private static final GpBayesConfig.TrustRegion TURBO = GpBayesConfig.TrustRegion.defaults();

  @Test
  void threeSuccessesInARowDoubleTheLengthUpToTheMaximum() {
    TrustRegionState s = new TrustRegionState(TURBO, 6);
    s.record(true);
    s.record(true);
    assertEquals(0.8, s.length());
    s.record(true);
    assertEquals(1.6, s.length());
    assertEquals(0, s.successes());
    for (int i = 0; i < 3; i++) {
      s.record(true);
    }
    assertEquals(1.6, s.length(), "capped at the maximum");
  }

  @Test
  void aFailureBreaksASuccessRunAndViceVersa() {
    TrustRegionState s = new TrustRegionState(TURBO, 6);
    s.record(true);
    s.record(true);
    s.record(false);
    assertEquals(0, s.successes());
    assertEquals(1, s.failures());
    s.record(true);
    assertEquals(0, s.failures());
    assertEquals(1, s.successes());
    assertEquals(0.8, s.length());
  }

  @Test
  void maxOfFourAndDFailuresInARowHalveTheLength() {
    TrustRegionState low = new TrustRegionState(TURBO, 2);
    assertEquals(4, low.failureTolerance());
    TrustRegionState high = new TrustRegionState(TURBO, 10);
    assertEquals(10, high.failureTolerance());
    for (int i = 0; i < 9; i++) {
      high.record(false);
    }
    assertEquals(0.8, high.length());
    high.record(false);
    assertEquals(0.4, high.length());
    assertEquals(0, high.failures());
    TrustRegionState fixed = new TrustRegionState(new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, 2, 100, 2), 10);
    fixed.record(false);
    fixed.record(false);
    assertEquals(0.4, fixed.length(), "an explicit failure tolerance overrides max(4, d)");
  }

  @Test
  void aLengthBelowTheMinimumRestartsAtTheInitialLength() {
    TrustRegionState s = new TrustRegionState(TURBO, 4);
    double expected = 0.8;
    for (int halvings = 0; halvings < 7; halvings++) { // 0.8 / 2^7 = 0.00625 < 2^-7 = 0.0078
      for (int i = 0; i < 4; i++) {
        s.record(false);
      }
      expected /= 2;
      if (halvings < 6) {
        assertEquals(expected, s.length(), 1e-15);
      }
    }
    assertEquals(0.8, s.length());
    assertEquals(1, s.restarts());
  }

  @Test
  void restoreAcceptsReachableStatesAndRejectsImpossibleOnes() {
    TrustRegionState s = new TrustRegionState(TURBO, 10);
    s.restore(0.1, 2, 0, 3);
    assertEquals(0.1, s.length());
    assertEquals(2, s.successes());
    assertEquals(3, s.restarts());
    assertThrows(IllegalArgumentException.class, () -> s.restore(3.2, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> s.restore(0.4, 3, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> s.restore(0.4, 0, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> s.restore(0.4, 0, 0, -1));
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 1, 1.6, 3, 0, 10, 2));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 0, 0, 10, 2));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, -1, 10, 2));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, 0, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, 0, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, 0, 10, 2,
        true, java.util.OptionalDouble.of(-1)));
    assertThrows(IllegalArgumentException.class, () -> new GpBayesConfig.TrustRegion(true, 0.8, 0.01, 1.6, 3, 0, 10, 2,
        true, java.util.OptionalDouble.of(Double.POSITIVE_INFINITY)));
  }
}
