package org.nautilus.engine.train.optim;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Learning-rate schedules over iterations (minibatch steps), ND4J {@link ISchedule}s. ND4J's own
 * step, exponential and ramp (warm-up) schedules are used; cosine annealing and triangular cycles
 * are written here because ND4J 1.0.0-M2.1 has no cosine schedule and its {@code CycleSchedule} is
 * the one-cycle policy, not repeated triangles.
 */
public final class Schedules {
  /** Cycles per run of {@link LrSchedule#CYCLICAL}. */
  public static final int CYCLES = 4;

  private Schedules() {}

  /**
   * The schedule {@code kind} from {@code initial} over {@code totalIterations}, with a linear
   * warm-up over the first {@code warmupIterations} (0 for none): during it, iteration i runs at
   * {@code (i + 1) / warmupIterations} of the scheduled rate (ND4J's {@link RampSchedule}).
   */
  public static ISchedule of(LrSchedule kind, double initial, long totalIterations, long warmupIterations) {
    if (totalIterations < 1 || warmupIterations < 0) {
      throw new IllegalArgumentException("bad schedule length: " + totalIterations + " iterations, warm-up "
          + warmupIterations);
    }
    ISchedule base;
    switch (kind) {
      case CONSTANT:
        base = new FixedSchedule(initial);
        break;
      case STEP:
        base = new StepSchedule(ScheduleType.ITERATION, initial, 0.1, Math.max(1, totalIterations / 3.0));
        break;
      case EXPONENTIAL:
        base = new ExponentialSchedule(ScheduleType.ITERATION, initial, Math.pow(0.01, 1.0 / totalIterations));
        break;
      case COSINE:
        base = new CosineSchedule(initial, totalIterations);
        break;
      case CYCLICAL:
        base = new TriangularSchedule(initial / 10, initial, Math.max(2, totalIterations / CYCLES));
        break;
      default:
        throw new IllegalArgumentException("unknown schedule " + kind);
    }
    return warmupIterations > 0 ? new RampSchedule(base, (int) Math.min(Integer.MAX_VALUE, warmupIterations)) : base;
  }

  /** Half a cosine from the initial rate down to zero over {@code total} iterations, then zero. */
  static final class CosineSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final double initial;
    private final long total;

    CosineSchedule(double initial, long total) {
      this.initial = initial;
      this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
      double progress = Math.min(1.0, (double) iteration / total);
      return initial * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
      return new CosineSchedule(initial, total);
    }

    @Override
    public String toString() {
      return "CosineSchedule(" + initial + " over " + total + " iterations)";
    }
  }

  /** Linear up from {@code low} to {@code high} and back down, each cycle {@code length} iterations. */
  static final class TriangularSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final double low;
    private final double high;
    private final long length;

    TriangularSchedule(double low, double high, long length) {
      this.low = low;
      this.high = high;
      this.length = length;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
      double phase = (double) (iteration % length) / length; // 0..1 within the cycle
      return low + (high - low) * (1 - Math.abs(2 * phase - 1));
    }

    @Override
    public ISchedule clone() {
      return new TriangularSchedule(low, high, length);
    }

    @Override
    public String toString() {
      return "TriangularSchedule(" + low + ".." + high + ", cycle " + length + " iterations)";
    }
  }
}
