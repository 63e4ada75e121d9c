package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.DartsNode;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.DartsSpace;

/**
 * One-hot ops per possible edge: for the normal cell and then the reduction cell, for each intermediate
 * node {@code n = 2 .. nodes + 1} and each possible predecessor {@code s = 0 .. n - 1}, one feature per op
 * of the space (in {@link DartsSpace#ops()} order), named {@code <cell>_n<n><-<s>:<op>}. An edge the node
 * does not read is all zeros, so each node has exactly two ones. With 4 nodes and 8 ops:
 * 2 cells x 14 edges x 8 = 224 features. The encoding does not depend on the order of a node's inputs.
 *
 * @param space the space whose cells are encoded
 */
public record DartsOneHotEncoder(DartsSpace space) implements VectorEncoder<DartsCell> {
  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (String cell : List.of("normal", "reduce")) {
      for (int n = 2; n < space.nodes() + 2; n++) {
        for (int s = 0; s < n; s++) {
          for (DartsOp op : space.ops()) {
            names.add(cell + "_n" + n + "<-" + s + ":" + op.label());
          }
        }
      }
    }
    return names;
  }

  @Override
  public double[] encode(DartsCell cell) {
    space.decisions(cell); // checks nodes and ops
    List<DartsOp> ops = space.ops();
    int k = ops.size();
    int edgesPerCell = 0;
    for (int n = 2; n < space.nodes() + 2; n++) {
      edgesPerCell += n;
    }
    double[] out = new double[2 * edgesPerCell * k];
    int base = 0;
    for (List<DartsNode> nodes : List.of(cell.normal(), cell.reduce())) {
      for (int j = 0; j < nodes.size(); j++) {
        DartsNode node = nodes.get(j);
        out[base + node.inputA() * k + ops.indexOf(node.opA())] = 1;
        out[base + node.inputB() * k + ops.indexOf(node.opB())] = 1;
        base += (j + 2) * k;
      }
    }
    return out;
  }
}
