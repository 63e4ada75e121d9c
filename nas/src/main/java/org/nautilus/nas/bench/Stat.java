package org.nautilus.nas.bench;

/**
 * Mean and sample standard deviation of {@code count} values.
 *
 * @param mean the mean, NaN when {@code count} is 0
 * @param std the sample standard deviation (divisor {@code count - 1}), 0 for one value, NaN for none
 * @param count how many values were summarized
 */
public record Stat(double mean, double std, int count) {
  public Stat {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }

  /** Summarizes {@code values[0..count)}, summing in index order (two passes, so the result is stable). */
  public static Stat of(double[] values, int count) {
    if (count == 0) {
      return new Stat(Double.NaN, Double.NaN, 0);
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    double mean = sum / count;
    if (count == 1) {
      return new Stat(mean, 0, 1);
    }
    double squares = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - mean;
      squares += d * d;
    }
    return new Stat(mean, Math.sqrt(squares / (count - 1)), count);
  }

  /** Summarizes all of {@code values}. */
  public static Stat of(double... values) {
    return of(values, values.length);
  }
}
