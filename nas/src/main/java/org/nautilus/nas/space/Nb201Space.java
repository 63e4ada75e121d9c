package org.nautilus.nas.space;

import java.util.List;
import org.nautilus.nas.search.SearchRandom;

/** The NAS-Bench-201 cell space: 5^6 = 15,625 cells. */
public final class Nb201Space implements CategoricalSpace<Nb201Cell> {
  private static final List<String> DECISIONS =
      List.of("edge_1<-0", "edge_2<-0", "edge_2<-1", "edge_3<-0", "edge_3<-1", "edge_3<-2");

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

  @Override
  public int[] cardinalities() {
    int[] sizes = new int[Nb201Cell.EDGES];
    java.util.Arrays.fill(sizes, Nb201Op.values().length);
    return sizes;
  }

  @Override
  public List<String> decisionNames() {
    return DECISIONS;
  }

  @Override
  public int[] decisions(Nb201Cell cell) {
    return cell.edges().stream().mapToInt(Nb201Op::ordinal).toArray();
  }

  @Override
  public Nb201Cell fromDecisions(int[] decisions) {
    if (decisions.length != Nb201Cell.EDGES) {
      throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 decisions, got " + decisions.length);
    }
    Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
    for (int e = 0; e < ops.length; e++) {
      if (decisions[e] < 0 || decisions[e] >= Nb201Op.values().length) {
        throw new IllegalArgumentException(DECISIONS.get(e) + " must be in 0..4, got " + decisions[e]);
      }
      ops[e] = Nb201Op.values()[decisions[e]];
    }
    return Nb201Cell.of(ops);
  }
}
