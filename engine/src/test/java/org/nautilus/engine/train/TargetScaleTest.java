package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TargetScaleTest {
  @Test
  void standardizesByTheTrainingTargetsAndMapsOutputsBack() {
    TargetScale scale = TargetScale.of(new double[] {1_000, 3_000}); // mean 2,000, population sd 1,000
    assertEquals(new TargetScale(2_000, 1_000), scale);
    assertEquals(-1f, scale.standardized(1_000));
    assertEquals(2_500, scale.original(0.5f), 1e-9);
  }

  @Test
  void constantOrMissingTargetsAreOnlyShifted() {
    assertEquals(new TargetScale(7, 1), TargetScale.of(new double[] {7, 7, 7}));
    assertEquals(TargetScale.IDENTITY, TargetScale.of(new double[0]));
  }
}
