package org.nautilus.nas.search;

/** Whether the search wants the objective as high or as low as possible. */
public enum Direction {
  MAXIMIZE,
  MINIMIZE;

  /** True if {@code a} is strictly better than {@code b} in this direction. */
  public boolean better(double a, double b) {
    return this == MAXIMIZE ? a > b : a < b;
  }

  /** The objective turned into a score to maximize. */
  public double score(double objective) {
    return this == MAXIMIZE ? objective : -objective;
  }
}
