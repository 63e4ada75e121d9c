package org.nautilus.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedBfgsTest {
  /** f = (x - c)^T A (x - c) / 2 with A = [[4, 1], [1, 2]], c = (1, -2). */
  private static final BoundedLbfgs.Function QUADRATIC = (x, g) -> {
    double a = x[0] - 1;
    double b = x[1] + 2;
    g[0] = 4 * a + b;
    g[1] = a + 2 * b;
    return 0.5 * (4 * a * a + 2 * a * b + 2 * b * b);
  };

  @Test
  void theExactHessianReachesAQuadraticsMinimumInOneStep() {
    BoundedBfgs.Result r = BoundedBfgs.minimize(QUADRATIC, new double[] {2, -0.5}, new double[] {4, 1, 1, 2},
        new double[] {-10, -10}, new double[] {10, 10}, 10, 1e-12, 0); // a step within the 2-unit cap
    assertEquals(1, r.x()[0], 1e-12);
    assertEquals(-2, r.x()[1], 1e-12);
    assertTrue(r.evaluations() <= 3, "evaluations " + r.evaluations()); // start, step, and at most one more
  }

  @Test
  void aLongNewtonStepIsCappedAndStillConverges() {
    BoundedBfgs.Result r = BoundedBfgs.minimize(QUADRATIC, new double[] {9, 9}, new double[] {4, 1, 1, 2},
        new double[] {-10, -10}, new double[] {10, 10}, 20, 1e-10, 0);
    assertEquals(1, r.x()[0], 1e-8);
    assertEquals(-2, r.x()[1], 1e-8);
  }

  @Test
  void aHessianOffByAFactorIsCorrectedByTheUpdates() {
    BoundedBfgs.Result r = BoundedBfgs.minimize(QUADRATIC, new double[] {5, 5}, new double[] {16, 0, 0, 1},
        new double[] {-10, -10}, new double[] {10, 10}, 30, 1e-10, 0);
    assertEquals(1, r.x()[0], 1e-8);
    assertEquals(-2, r.x()[1], 1e-8);
  }

  @Test
  void aBoundThatExcludesTheMinimumHoldsThatVariable() {
    // with x1 >= 0 the minimum of the quadratic is at x1 = 0, x0 = 1 - (0 + 2) / 4 = 0.5
    BoundedBfgs.Result r = BoundedBfgs.minimize(QUADRATIC, new double[] {5, 5}, new double[] {4, 1, 1, 2},
        new double[] {-10, 0}, new double[] {10, 10}, 30, 1e-10, 0);
    assertEquals(0.5, r.x()[0], 1e-8);
    assertEquals(0, r.x()[1], 0);
  }

  @Test
  void anIndefiniteStartingMatrixStillDescends() {
    BoundedBfgs.Result r = BoundedBfgs.minimize(QUADRATIC, new double[] {5, 5}, new double[] {-1, 0, 0, -1},
        new double[] {-10, -10}, new double[] {10, 10}, 60, 1e-10, 0);
    assertEquals(1, r.x()[0], 1e-6);
    assertEquals(-2, r.x()[1], 1e-6);
  }
}
