package org.nautilus.nas.space;

import java.util.Arrays;
import java.util.List;
import org.nautilus.nas.search.SearchRandom;

/**
 * The NAS-Bench-201 cell space: 5^6 = 15,625 cells, or {@code k^6} cells over a set of {@code k}
 * ops ({@link #withOps}: a subset of the built-ins, possibly extended with custom ops). Decision {@code e} is the index of edge {@code e}'s op in {@link #ops()}.
 */
public final class Nb201Space implements CategoricalSpace<Nb201Cell> {
  private static final List<String> DECISIONS =
      List.of("edge_1<-0", "edge_2<-0", "edge_2<-1", "edge_3<-0", "edge_3<-1", "edge_3<-2");

  /** Number of cells in the space with all five ops. */
  public static final int SIZE = 15_625;

  private final List<Nb201Op> ops;
  private final int size;

  /** The space with all five ops. */
  public Nb201Space() {
    this(Nb201Op.builtIns());
  }

  private Nb201Space(List<Nb201Op> ops) {
    this.ops = OpSets.normalize("the NAS-Bench-201 space", ops, Nb201Op.builtIns(), Nb201Op::isBuiltIn);
    long k = this.ops.size();
    long cells = k * k * k * k * k * k;
    if (cells > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the NAS-Bench-201 space takes at most 35 ops, got " + k);
    }
    this.size = (int) cells;
  }

  /**
   * The space whose edges take the given ops: a subset of the built-ins, possibly extended with custom
   * ops ({@link Nb201Op#custom}). Built-ins are kept in built-in order, followed by the custom ops in
   * the order given; throws if empty or repeated.
   */
  public static Nb201Space withOps(List<Nb201Op> ops) {
    return new Nb201Space(ops);
  }

  /** This space's ops: its built-ins in built-in order, then its custom ops. Decisions index this list. */
  public List<Nb201Op> ops() {
    return ops;
  }

  @Override
  public String name() {
    return "nb201";
  }

  @Override
  public long size() {
    return size;
  }

  /** Uniform; with all five ops the same draw as {@code Nb201Cell.ofIndex(random.nextInt(SIZE))}. */
  @Override
  public Nb201Cell sample(SearchRandom random) {
    int index = random.nextInt(size);
    int k = ops.size();
    Nb201Op[] edges = new Nb201Op[Nb201Cell.EDGES];
    for (int e = Nb201Cell.EDGES - 1; e >= 0; e--) {
      edges[e] = ops.get(index % k);
      index /= k;
    }
    return Nb201Cell.of(edges);
  }

  @Override
  public Nb201Cell parse(String canonical) {
    Nb201Cell cell = Nb201Cell.parse(canonical, ops);
    decisions(cell); // rejects ops outside this space
    return cell;
  }

  @Override
  public int[] cardinalities() {
    int[] sizes = new int[Nb201Cell.EDGES];
    Arrays.fill(sizes, ops.size());
    return sizes;
  }

  @Override
  public List<String> decisionNames() {
    return DECISIONS;
  }

  @Override
  public int[] decisions(Nb201Cell cell) {
    return cell.edges().stream().mapToInt(op -> OpSets.indexOf("NAS-Bench-201", ops, op, Nb201Op::label)).toArray();
  }

  @Override
  public Nb201Cell fromDecisions(int[] decisions) {
    if (decisions.length != Nb201Cell.EDGES) {
      throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 decisions, got " + decisions.length);
    }
    Nb201Op[] edges = new Nb201Op[Nb201Cell.EDGES];
    for (int e = 0; e < edges.length; e++) {
      if (decisions[e] < 0 || decisions[e] >= ops.size()) {
        throw new IllegalArgumentException(DECISIONS.get(e) + " must be in 0.." + (ops.size() - 1) + ", got "
            + decisions[e]);
      }
      edges[e] = ops.get(decisions[e]);
    }
    return Nb201Cell.of(edges);
  }
}
