package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;

/**
 * The path encoding of White et al., BANANAS (AAAI 2021), for NAS-Bench-201 cells: one binary feature
 * per possible sequence of ops along a path from the input node 0 to the output node 3.
 *
 * <p>The cell has four such paths: 0&rarr;3, 0&rarr;1&rarr;3, 0&rarr;2&rarr;3 and 0&rarr;1&rarr;2&rarr;3.
 * A path through a {@code none} edge carries nothing and is left out (as BANANAS leaves out absent
 * edges). With the {@code k} ops of the space other than {@code none}, the features are the op
 * sequences of length 1, then 2, then 3, each length in lexicographic order of op indices (first op
 * most significant): {@code k + k^2 + k^3} features, 4 + 16 + 64 = 84 for the full space, named like
 * {@code nor_conv_3x3>skip_connect}. A feature is 1 if at least one path has that sequence.
 *
 * @param space the space whose cells are encoded
 */
public record Nb201PathEncoder(Nb201Space space) implements VectorEncoder<Nb201Cell> {
  /** The four input-to-output paths, as edge indices in path order. */
  private static final int[][] PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};

  private List<Nb201Op> pathOps() {
    return space.ops().stream().filter(op -> op != Nb201Op.NONE).toList();
  }

  @Override
  public List<String> featureNames() {
    List<Nb201Op> ops = pathOps();
    List<String> names = new ArrayList<>();
    for (int length = 1; length <= 3; length++) {
      int count = (int) Math.pow(ops.size(), length);
      for (int index = 0; index < count; index++) {
        String[] labels = new String[length];
        int rest = index;
        for (int p = length - 1; p >= 0; p--) {
          labels[p] = ops.get(rest % ops.size()).label();
          rest /= ops.size();
        }
        names.add(String.join(">", labels));
      }
    }
    return names;
  }

  @Override
  public double[] encode(Nb201Cell cell) {
    space.decisions(cell); // checks the ops
    List<Nb201Op> ops = pathOps();
    int k = ops.size();
    double[] out = new double[k + k * k + k * k * k];
    for (int[] path : PATHS) {
      int offset = 0;
      for (int length = 1; length < path.length; length++) {
        offset += (int) Math.pow(k, length);
      }
      int index = 0;
      boolean present = true;
      for (int edge : path) {
        Nb201Op op = cell.edges().get(edge);
        present &= op != Nb201Op.NONE;
        index = index * k + Math.max(0, ops.indexOf(op));
      }
      if (present) {
        out[offset + index] = 1;
      }
    }
    return out;
  }
}
