package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;

/**
 * The adjacency/op-matrix encoding of a NAS-Bench-201 cell, with ops moved onto nodes as in
 * NAS-Bench-101: 8 nodes, {@code input}, the six edges in benchmark order, {@code output}.
 *
 * <p>Adjacency: input &rarr; each edge leaving node 0; edge (t&larr;s) &rarr; each edge leaving node t
 * (t = 1, 2); each edge into node 3 &rarr; output. An edge whose op is {@code none} is kept as a node
 * but loses all its connections. Op matrix: one row per node, one-hot over
 * {@code input, <the space's ops>, output}. The vector ({@link #encode}) is the strict upper triangle of
 * the adjacency row by row (28 features), then the op matrix row by row (8 x (k + 2)).
 *
 * @param space the space whose cells are encoded
 */
public record Nb201AdjacencyEncoder(Nb201Space space) implements VectorEncoder<Nb201Cell> {
  /** Number of nodes of the op-on-node graph. */
  public static final int NODES = 8;

  /** Adjacency and op matrices of one cell. */
  public record Matrices(int[][] adjacency, int[][] ops) {}

  /** The two matrices of {@code cell}. */
  public Matrices matrices(Nb201Cell cell) {
    space.decisions(cell); // checks the ops
    int[][] adjacency = new int[NODES][NODES];
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      if (cell.edges().get(e) == Nb201Op.NONE) {
        continue;
      }
      int node = e + 1;
      if (Nb201Cell.sourceNode(e) == 0) {
        adjacency[0][node] = 1;
      }
      int target = Nb201Cell.targetNode(e);
      if (target == 3) {
        adjacency[node][NODES - 1] = 1;
      } else {
        for (int f = 0; f < Nb201Cell.EDGES; f++) {
          if (Nb201Cell.sourceNode(f) == target && cell.edges().get(f) != Nb201Op.NONE) {
            adjacency[node][f + 1] = 1;
          }
        }
      }
    }
    int width = space.ops().size() + 2;
    int[][] ops = new int[NODES][width];
    ops[0][0] = 1;
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      ops[e + 1][1 + space.ops().indexOf(cell.edges().get(e))] = 1;
    }
    ops[NODES - 1][width - 1] = 1;
    return new Matrices(adjacency, ops);
  }

  @Override
  public List<String> featureNames() {
    List<String> nodes = new ArrayList<>(List.of("input"));
    nodes.addAll(space.decisionNames());
    nodes.add("output");
    List<String> labels = new ArrayList<>(List.of("input"));
    space.ops().forEach(op -> labels.add(op.label()));
    labels.add("output");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      for (int j = i + 1; j < NODES; j++) {
        names.add(nodes.get(i) + "->" + nodes.get(j));
      }
    }
    for (String node : nodes) {
      labels.forEach(label -> names.add(node + ":" + label));
    }
    return names;
  }

  @Override
  public double[] encode(Nb201Cell cell) {
    Matrices m = matrices(cell);
    double[] out = new double[length()];
    int i = 0;
    for (int r = 0; r < NODES; r++) {
      for (int c = r + 1; c < NODES; c++) {
        out[i++] = m.adjacency()[r][c];
      }
    }
    for (int[] row : m.ops()) {
      for (int v : row) {
        out[i++] = v;
      }
    }
    return out;
  }
}
