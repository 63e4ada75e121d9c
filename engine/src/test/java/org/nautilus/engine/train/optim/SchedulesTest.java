package org.nautilus.engine.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

/** Each schedule's rate at chosen iterations of a 300-iteration run from 1.0, worked out by hand. */
class SchedulesTest {
  private static final double EPS = 1e-12;

  private static double at(ISchedule s, int iteration) {
    return s.valueAt(iteration, 0);
  }

  @Test
  void constantStepExponentialCosineCyclical() {
    ISchedule constant = Schedules.of(LrSchedule.CONSTANT, 1.0, 300, 0);
    assertEquals(1.0, at(constant, 299), EPS);

    ISchedule step = Schedules.of(LrSchedule.STEP, 1.0, 300, 0);
    assertEquals(1.0, at(step, 99), EPS);
    assertEquals(0.1, at(step, 100), EPS);
    assertEquals(0.01, at(step, 299), 1e-10);

    ISchedule exponential = Schedules.of(LrSchedule.EXPONENTIAL, 1.0, 300, 0);
    assertEquals(0.1, at(exponential, 150), 1e-9);     // 0.01^(150/300)
    assertEquals(0.01, at(exponential, 300), 1e-9);

    ISchedule cosine = Schedules.of(LrSchedule.COSINE, 1.0, 300, 0);
    assertEquals(1.0, at(cosine, 0), EPS);
    assertEquals(0.5, at(cosine, 150), EPS);
    assertEquals(0.0, at(cosine, 300), EPS);

    // 4 cycles of 75 iterations between 0.1 and 1
    ISchedule cyclical = Schedules.of(LrSchedule.CYCLICAL, 1.0, 300, 0);
    assertEquals(0.1, at(cyclical, 0), EPS);
    assertEquals(0.1 + 0.9 * (1 - Math.abs(2 * 37.0 / 75 - 1)), at(cyclical, 37), EPS);
    assertEquals(0.1, at(cyclical, 75), EPS);
  }

  @Test
  void warmUpRampsLinearlyThenFollowsTheSchedule() {
    ISchedule warm = Schedules.of(LrSchedule.CONSTANT, 1.0, 300, 10);
    assertEquals(0.1, at(warm, 0), EPS);
    assertEquals(0.5, at(warm, 4), EPS);
    assertEquals(1.0, at(warm, 9), EPS);
    assertEquals(1.0, at(warm, 10), EPS);
    ISchedule cosine = Schedules.of(LrSchedule.COSINE, 1.0, 300, 10);
    assertEquals(0.5 * 0.5 * (1 + Math.cos(Math.PI * 4 / 300)), at(cosine, 4), EPS);
    assertEquals(0.5, at(cosine, 150), EPS);
  }
}
