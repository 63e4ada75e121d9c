package org.nautilus.nas.search.grid;

/**
 * Settings of a {@link GridSearcher}.
 *
 * @param limit the largest grid accepted; a larger one is refused when the searcher is made, because
 *     every point is held in memory and a search that cannot finish its grid is better served by another
 *     strategy
 * @param shuffle propose the points in a seeded random order instead of odometer order (the last decision
 *     changing fastest); shuffled grids give good candidates early when the budget ends before the grid
 */
public record GridConfig(long limit, boolean shuffle) {
  /** Largest grid accepted by default: enumerating and holding 100,000 points takes milliseconds. */
  public static final long DEFAULT_LIMIT = 100_000;

  /** Validates every setting, naming the bad one as spec files spell it. */
  public GridConfig {
    if (limit < 1 || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("grid.limit must be in 1.." + (Integer.MAX_VALUE - 8) + ", got " + limit);
    }
  }

  /** The defaults: limit {@value #DEFAULT_LIMIT}, shuffled. */
  public static GridConfig defaults() {
    return new GridConfig(DEFAULT_LIMIT, true);
  }
}
