package org.nautilus.surrogate.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpectedImprovementTest {
  private final ExpectedImprovement ei = new ExpectedImprovement(0);

  @Test
  void matchesHandComputedValues() {
    // z = 1: Phi(1) = 0.8413447461, phi(1) = 0.2419707245; EI = 1 * 0.8413447461 + 1 * 0.2419707245.
    assertEquals(1.0833154706, ei.score(1, 1, 0), 1e-9);
    // z = 0: EI = sigma * phi(0) = 2 * 0.3989422804.
    assertEquals(0.7978845608, ei.score(3, 2, 3), 1e-9);
    // z = -2 (sigma 0.5): -1 * Phi(-2) + 0.5 * phi(-2) = -0.0227501319 + 0.5 * 0.0539909665.
    assertEquals(0.0042453513, ei.score(0, 0.5, 1), 1e-9);
  }

  @Test
  void withoutUncertaintyItIsThePlainImprovement() {
    assertEquals(0.25, ei.score(1.25, 0, 1), 0);
    assertEquals(0, ei.score(0.5, 0, 1), 0);
  }

  @Test
  void marginLowersTheScoreAndUncertaintyRaisesIt() {
    assertTrue(new ExpectedImprovement(0.1).score(1, 1, 0) < ei.score(1, 1, 0));
    assertTrue(ei.score(0, 2, 1) > ei.score(0, 1, 1));
  }

  @Test
  void rejectsNegativeOrNaNArguments() {
    assertThrows(IllegalArgumentException.class, () -> new ExpectedImprovement(-0.1));
    assertThrows(IllegalArgumentException.class, () -> ei.score(0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> ei.score(0, Double.NaN, 0));
  }
}
