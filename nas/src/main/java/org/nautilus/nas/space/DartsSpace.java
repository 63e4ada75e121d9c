package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.nautilus.nas.search.SearchRandom;

/**
 * The DARTS cell space: a normal and a reduction cell, each with {@code nodes} intermediate nodes
 * (default 4) that pick two distinct predecessors and an op for each from this space's op set.
 *
 * <p>Decisions, for the normal cell and then the reduction cell, for each intermediate node {@code j}
 * (named by its predecessor number {@code n = j + 2}): {@code <cell>_n<n>_inputs}, the pair of distinct
 * inputs {@code a < b} as one decision over the {@code C(n, 2)} pairs in colexicographic order (index
 * {@code b(b-1)/2 + a}: (0,1), (0,2), (1,2), (0,3), ...), then {@code <cell>_n<n>_op_a} and
 * {@code <cell>_n<n>_op_b}, indices into {@link #ops()}. Every decision vector is exactly one cell, so
 * sampling decisions uniformly samples cells uniformly.
 */
public final class DartsSpace implements CategoricalSpace<DartsCell> {
  /** Default number of intermediate nodes per cell. */
  public static final int DEFAULT_NODES = 4;

  private final int nodes;
  private final List<DartsOp> ops;
  private final List<String> names;
  private final int[] cardinalities;

  private DartsSpace(int nodes, List<DartsOp> ops) {
    if (nodes < 1 || nodes > 32) {
      throw new IllegalArgumentException("DARTS cells need 1..32 intermediate nodes, got " + nodes);
    }
    this.nodes = nodes;
    this.ops = OpSets.normalize("the DARTS space", ops, DartsOp.builtIns(), DartsOp::isBuiltIn);
    List<String> n = new ArrayList<>();
    cardinalities = new int[2 * nodes * 3];
    int d = 0;
    for (String cell : List.of("normal", "reduce")) {
      for (int j = 0; j < nodes; j++) {
        n.add(cell + "_n" + (j + 2) + "_inputs");
        n.add(cell + "_n" + (j + 2) + "_op_a");
        n.add(cell + "_n" + (j + 2) + "_op_b");
        cardinalities[d++] = (j + 2) * (j + 1) / 2;
        cardinalities[d++] = this.ops.size();
        cardinalities[d++] = this.ops.size();
      }
    }
    names = List.copyOf(n);
  }

  /** The standard space: 4 intermediate nodes, all eight ops. */
  public static DartsSpace standard() {
    return new DartsSpace(DEFAULT_NODES, DartsOp.builtIns());
  }

  /**
   * A space with {@code nodes} intermediate nodes per cell and the given ops: a subset of the built-ins,
   * possibly extended with custom ops ({@link DartsOp#custom}). Built-ins are kept in built-in order,
   * followed by the custom ops in the order given.
   */
  public static DartsSpace of(int nodes, List<DartsOp> ops) {
    return new DartsSpace(nodes, ops);
  }

  /** Number of intermediate nodes per cell. */
  public int nodes() {
    return nodes;
  }

  /** This space's ops: its built-ins in built-in order, then its custom ops. Decisions index this list. */
  public List<DartsOp> ops() {
    return ops;
  }

  @Override
  public String name() {
    return "darts";
  }

  /** Number of cells; saturates at {@link Long#MAX_VALUE} (from 5 nodes with all eight ops). */
  @Override
  public long size() {
    long size = 1;
    for (int c : cardinalities) {
      size = OpSets.saturatedMultiply(size, c);
    }
    return size;
  }

  @Override
  public OptionalLong finiteSize() {
    long size = size();
    return size == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(size);
  }

  @Override
  public DartsCell sample(SearchRandom random) {
    int[] decisions = new int[cardinalities.length];
    for (int d = 0; d < decisions.length; d++) {
      decisions[d] = random.nextInt(cardinalities[d]);
    }
    return fromDecisions(decisions);
  }

  @Override
  public DartsCell parse(String canonical) {
    DartsCell cell = DartsCell.parse(canonical, ops);
    if (cell.nodes() != nodes) {
      throw new IllegalArgumentException("this DARTS space has " + nodes + " nodes per cell, got " + cell.nodes()
          + " in '" + canonical + "'");
    }
    decisions(cell); // rejects ops outside this space
    return cell;
  }

  @Override
  public int[] cardinalities() {
    return cardinalities.clone();
  }

  @Override
  public List<String> decisionNames() {
    return names;
  }

  @Override
  public int[] decisions(DartsCell cell) {
    if (cell.nodes() != nodes) {
      throw new IllegalArgumentException("this DARTS space has " + nodes + " nodes per cell, got " + cell.nodes());
    }
    int[] out = new int[cardinalities.length];
    int d = 0;
    for (List<DartsNode> list : List.of(cell.normal(), cell.reduce())) {
      for (DartsNode node : list) {
        out[d++] = node.inputB() * (node.inputB() - 1) / 2 + node.inputA();
        out[d++] = OpSets.indexOf("DARTS", ops, node.opA(), DartsOp::label);
        out[d++] = OpSets.indexOf("DARTS", ops, node.opB(), DartsOp::label);
      }
    }
    return out;
  }

  @Override
  public DartsCell fromDecisions(int[] decisions) {
    if (decisions.length != cardinalities.length) {
      throw new IllegalArgumentException("this DARTS space has " + cardinalities.length + " decisions, got "
          + decisions.length);
    }
    for (int d = 0; d < decisions.length; d++) {
      if (decisions[d] < 0 || decisions[d] >= cardinalities[d]) {
        throw new IllegalArgumentException(names.get(d) + " must be in 0.." + (cardinalities[d] - 1) + ", got "
            + decisions[d]);
      }
    }
    List<List<DartsNode>> cells = new ArrayList<>(2);
    int d = 0;
    for (int c = 0; c < 2; c++) {
      List<DartsNode> list = new ArrayList<>(nodes);
      for (int j = 0; j < nodes; j++) {
        int pair = decisions[d++];
        int b = 1;
        while ((b + 1) * b / 2 <= pair) {
          b++;
        }
        int a = pair - b * (b - 1) / 2;
        list.add(new DartsNode(a, ops.get(decisions[d++]), b, ops.get(decisions[d++])));
      }
      cells.add(list);
    }
    return new DartsCell(cells.get(0), cells.get(1));
  }
}
