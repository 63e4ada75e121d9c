package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;

/**
 * One-hot ops per edge: for each of the six edges in benchmark order, one feature per op of the space
 * (in {@link Nb201Space#ops()} order), named {@code edge_<t><-<s>:<op>}; 6 x 5 = 30 features for the
 * full space.
 *
 * @param space the space whose ops are encoded
 */
public record Nb201OneHotEncoder(Nb201Space space) implements VectorEncoder<Nb201Cell> {
  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (String edge : space.decisionNames()) {
      for (Nb201Op op : space.ops()) {
        names.add(edge + ":" + op.label());
      }
    }
    return names;
  }

  @Override
  public double[] encode(Nb201Cell cell) {
    int k = space.ops().size();
    int[] decisions = space.decisions(cell);
    double[] out = new double[decisions.length * k];
    for (int e = 0; e < decisions.length; e++) {
      out[e * k + decisions[e]] = 1;
    }
    return out;
  }
}
