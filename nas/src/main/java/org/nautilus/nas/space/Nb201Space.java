package org.nautilus.nas.space;

import org.nautilus.nas.search.SearchRandom;

/** The NAS-Bench-201 cell space: 5^6 = 15,625 cells. */
public final class Nb201Space implements SearchSpace<Nb201Cell> {
  /** Number of cells in the space. */
  public static final int SIZE = 15_625;

  @Override
  public String name() {
    return "nb201";
  }

  @Override
  public long size() {
    return SIZE;
  }

  @Override
  public Nb201Cell sample(SearchRandom random) {
    return Nb201Cell.ofIndex(random.nextInt(SIZE));
  }

  @Override
  public Nb201Cell parse(String canonical) {
    return Nb201Cell.parse(canonical);
  }
}
