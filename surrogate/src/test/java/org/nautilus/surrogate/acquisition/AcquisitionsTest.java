package org.nautilus.surrogate.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcquisitionsTest {
  private final LogExpectedImprovement logEi = new LogExpectedImprovement(0);
  private final ExpectedImprovement ei = new ExpectedImprovement(0);

  @Test
  void logEiIsTheLogOfEiWhereEiIsRepresentable() {
    // ln(1.0833154706) from ExpectedImprovementTest's hand-computed z = 1 value
    assertEquals(Math.log(1.0833154706), logEi.score(1, 1, 0), 1e-9);
    for (double mean : new double[] {-3, -1.2, -0.3, 0, 0.7, 2.5}) {
      for (double sd : new double[] {0.1, 1, 3}) {
        assertEquals(Math.log(ei.score(mean, sd, 0.2)), logEi.score(mean, sd, 0.2), 1e-9,
            "mean " + mean + " sd " + sd);
      }
    }
  }

  @Test
  void logHMatchesTheDefinitionOnBothSidesOfTheSwitch() {
    // ln(phi(z) + z Phi(z)) evaluated directly in double precision (accurate at these z)
    assertEquals(-16.744301162661053, NormalTail.logH(-5), 1e-9);
    assertEquals(-7.869686059603037, NormalTail.logH(-3), 1e-10);
    assertEquals(-3.5299359208057104, NormalTail.logH(-1.5), 1e-12);
    assertEquals(-1.6205162643873197, NormalTail.logH(-0.5), 1e-12);
    assertEquals(0.6973835457882284, NormalTail.logH(2), 1e-12);
  }

  @Test
  void logEiStaysFiniteAndAccurateWhereEiUnderflows() {
    // z = -40: EI = exp(-808.3) underflows to 0; ln h(z) = -z^2/2 - ln sqrt(2 pi) - 2 ln|z|
    // + ln(1 - 3/z^2 + 15/z^4 - 105/z^6) = -808.2985683567634 (the asymptotic series, next term 1e-11)
    assertEquals(0, ei.score(-40, 1, 0), 0);
    assertEquals(-808.2985683567634, logEi.score(-40, 1, 0), 1e-8);
    // scale: sigma = 2, improvement -80, z = -40: ln 2 + the same
    assertEquals(Math.log(2) - 808.2985683567634, logEi.score(0, 2, 80), 1e-8);
    // deep in the asymptotic branch, still finite and decreasing
    double far = logEi.score(-1e9, 1, 0);
    assertTrue(Double.isFinite(far) && far < logEi.score(-1e8, 1, 0));
    // monotone in the mean across the branch points -1 and the erfcx switch (|z| = 26 sqrt 2)
    double previous = Double.NEGATIVE_INFINITY;
    for (double z = -60; z <= 3; z += 0.01) {
      double v = logEi.score(z, 1, 0);
      assertTrue(v > previous, "log EI not increasing at z = " + z);
      previous = v;
    }
  }

  @Test
  void erfcxIsContinuousWhereTheSeriesTakesOver() {
    double below = NormalTail.erfcx(Math.nextDown(26.0));
    double above = NormalTail.erfcx(26.0);
    assertEquals(below, above, 1e-12 * below);
    // erfcx(30) = 1/(30 sqrt(pi)) (1 - 1/1800 + 3/(4 * 30^4) - 15/(8 * 30^6) + ...), by hand in double precision
    assertEquals(0.01879588886141769, NormalTail.erfcx(30), 1e-15);
  }

  @Test
  void withoutUncertaintyLogEiIsTheLogOfThePlainImprovement() {
    assertEquals(Math.log(0.25), logEi.score(1.25, 0, 1), 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, logEi.score(0.5, 0, 1));
  }

  @Test
  void probabilityOfImprovementMatchesHandComputedValues() {
    ProbabilityOfImprovement pi = new ProbabilityOfImprovement(0);
    assertEquals(0.8413447460685429, pi.score(1, 1, 0), 1e-12); // Phi(1)
    assertEquals(0.5, pi.score(3, 2, 3), 1e-15); // Phi(0)
    assertEquals(0.3085375387259869, pi.score(0, 2, 1), 1e-12); // z = (0 - 1) / 2 = -0.5
  }

  @Test
  void probabilityOfImprovementMarginAndZeroUncertainty() {
    ProbabilityOfImprovement pi = new ProbabilityOfImprovement(0.5);
    // z = (1 - 0 - 0.5) / 1 = 0.5 -> Phi(0.5) = 1 - Phi(-0.5) = 0.6914624612740131
    assertEquals(0.6914624612740131, pi.score(1, 1, 0), 1e-12);
    assertEquals(1, pi.score(1, 0, 0.4), 0);
    assertEquals(0, pi.score(1, 0, 0.6), 0);
  }

  @Test
  void upperConfidenceBoundAndItsSchedules() {
    assertEquals(2.0, new UpperConfidenceBound(4).score(1, 0.5, 99), 1e-15); // 1 + sqrt(4) * 0.5
    assertEquals(1.0, UpperConfidenceBound.at(BetaSchedule.constant(0), 7).score(1, 3, 0), 0);
    BetaSchedule srinivas = BetaSchedule.srinivas(15_625, 0.1);
    // 2 ln(15625 t^2 pi^2 / 0.6) at t = 1 and t = 10
    assertEquals(24.913825740138787, srinivas.beta(1), 1e-12);
    assertEquals(34.12416611211497, srinivas.beta(10), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> srinivas.beta(0));
    assertThrows(IllegalArgumentException.class, () -> BetaSchedule.srinivas(10, 1));
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound(-1));
  }

  @Test
  void rejectNegativeOrNaNArguments() {
    assertThrows(IllegalArgumentException.class, () -> new LogExpectedImprovement(-1));
    assertThrows(IllegalArgumentException.class, () -> logEi.score(0, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new ProbabilityOfImprovement(0).score(0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound(1).score(0, -1, 0));
  }
}
