package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.List;

/**
 * A NAS-Bench-201 cell: four nodes, six edges, one {@link Nb201Op} per edge.
 *
 * <p>Edges are ordered as in the benchmark's string: (1&lt;-0), (2&lt;-0), (2&lt;-1), (3&lt;-0),
 * (3&lt;-1), (3&lt;-2). The canonical string is the benchmark's own, e.g.
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}.
 */
public record Nb201Cell(List<Nb201Op> edges) implements Candidate {
  /** Number of edges in a cell. */
  public static final int EDGES = 6;
  /** Number of nodes in a cell, the input node 0 included. */
  public static final int NODES = 4;

  public Nb201Cell {
    edges = List.copyOf(edges); // also rejects null ops
    if (edges.size() != EDGES) {
      throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 edges, got " + edges.size());
    }
  }

  /** The cell with these six ops, in edge order. */
  public static Nb201Cell of(Nb201Op... ops) {
    return new Nb201Cell(List.of(ops));
  }

  /** Target node (1..3) of edge {@code e}. */
  public static int targetNode(int e) {
    return e == 0 ? 1 : e < 3 ? 2 : 3;
  }

  /** Source node (0..2) of edge {@code e}. */
  public static int sourceNode(int e) {
    return e == 0 ? 0 : e < 3 ? e - 1 : e - 3;
  }

  /** The op on the edge from {@code source} into {@code target}. */
  public Nb201Op op(int target, int source) {
    int first = (target - 1) * target / 2;
    return edges.get(first + source);
  }

  /**
   * Index in 0..15624: the edge ops read as a base-5 number over {@link Nb201Op#builtIns()}, edge 0
   * most significant. Defined only for cells of built-in ops; a cell with a custom op throws (use
   * {@link Nb201Space#decisions} of a space that has the op instead).
   */
  public int index() {
    List<Nb201Op> builtIns = Nb201Op.builtIns();
    int index = 0;
    for (Nb201Op op : edges) {
      if (!op.isBuiltIn()) {
        throw new IllegalArgumentException("Nb201Cell.index() is defined over the 5 built-in ops only, got custom op '"
            + op.label() + "' in " + canonical() + "; use the space's decisions instead");
      }
      index = index * builtIns.size() + builtIns.indexOf(op);
    }
    return index;
  }

  /** The cell of built-in ops with the given {@link #index()}. */
  public static Nb201Cell ofIndex(int index) {
    List<Nb201Op> builtIns = Nb201Op.builtIns();
    int base = builtIns.size();
    if (index < 0 || index >= Nb201Space.SIZE) {
      throw new IllegalArgumentException("cell index must be in 0.." + (Nb201Space.SIZE - 1) + ", got " + index);
    }
    Nb201Op[] ops = new Nb201Op[EDGES];
    for (int e = EDGES - 1; e >= 0; e--) {
      ops[e] = builtIns.get(index % base);
      index /= base;
    }
    return of(ops);
  }

  /**
   * Canonical strings of built-in cells by {@link #index()}, filled as asked: searchers, the journal and
   * the ledger ask for the same cell's string several times per trial, and building it was a fifth of
   * the runtime's allocation. A race only builds a string twice (strings are immutable).
   */
  private static final String[] BUILT_IN_CANONICAL = new String[Nb201Space.SIZE];

  @Override
  public String canonical() {
    List<Nb201Op> builtIns = Nb201Op.builtIns();
    int index = 0;
    for (Nb201Op op : edges) {
      int i = 0;
      while (i < builtIns.size() && builtIns.get(i) != op) {
        i++; // by identity: built-ins are constants, and equals compared labels in the hot path
      }
      if (i == builtIns.size()) {
        return build();
      }
      index = index * builtIns.size() + i;
    }
    String s = BUILT_IN_CANONICAL[index];
    if (s == null) {
      s = build();
      BUILT_IN_CANONICAL[index] = s;
    }
    return s;
  }

  private String build() {
    StringBuilder s = new StringBuilder();
    for (int target = 1; target < NODES; target++) {
      if (target > 1) {
        s.append('+');
      }
      s.append('|');
      for (int source = 0; source < target; source++) {
        s.append(op(target, source).label()).append('~').append(source).append('|');
      }
    }
    return s.toString();
  }

  /**
   * Parses the benchmark's string; the message says which node or edge is wrong. Knows only the
   * built-in ops: for cells with custom ops use {@link #parse(String, List)} or {@link Nb201Space#parse}.
   */
  public static Nb201Cell parse(String text) {
    return parse(text, Nb201Op.builtIns());
  }

  /**
   * Parses the benchmark's string, resolving op labels among {@code ops} (a space's ops) and the
   * built-ins; it does not check that the ops are in {@code ops} (the space does).
   */
  public static Nb201Cell parse(String text, List<Nb201Op> ops) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty NAS-Bench-201 cell string");
    }
    String[] nodes = text.strip().split("\\+", -1);
    if (nodes.length != NODES - 1) {
      throw new IllegalArgumentException("a NAS-Bench-201 cell string has 3 nodes separated by '+', got "
          + nodes.length + " in '" + text + "'");
    }
    List<Nb201Op> edgeOps = new ArrayList<>(EDGES);
    for (int target = 1; target < NODES; target++) {
      String node = nodes[target - 1];
      if (node.length() < 2 || node.charAt(0) != '|' || node.charAt(node.length() - 1) != '|') {
        throw new IllegalArgumentException("node " + target + " must look like '|op~k|...|', got '" + node + "'");
      }
      String[] inputs = node.substring(1, node.length() - 1).split("\\|", -1);
      if (inputs.length != target) {
        throw new IllegalArgumentException("node " + target + " takes " + target + " input(s), got "
            + inputs.length + " in '" + node + "'");
      }
      for (int source = 0; source < target; source++) {
        String input = inputs[source];
        int tilde = input.lastIndexOf('~');
        if (tilde < 0 || !input.substring(tilde + 1).equals(Integer.toString(source))) {
          throw new IllegalArgumentException("node " + target + " input " + source + " must be 'op~" + source
              + "', got '" + input + "'");
        }
        edgeOps.add(OpSets.resolve("NAS-Bench-201", input.substring(0, tilde), ops, Nb201Op::label,
            Nb201Op::ofLabel, Nb201Op::isBuiltIn));
      }
    }
    return new Nb201Cell(edgeOps);
  }

  @Override
  public String toString() {
    return canonical();
  }
}
