package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CellWithHyperparameters;

/**
 * The cell's vector followed by the hyperparameters' vector.
 *
 * @param cells encodes the cell
 * @param hyperparameters encodes the configuration
 * @param <C> the cell type
 */
public record JointEncoder<C extends Candidate>(VectorEncoder<C> cells, HyperparameterEncoder hyperparameters)
    implements VectorEncoder<CellWithHyperparameters<C>> {
  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>(cells.featureNames());
    names.addAll(hyperparameters.featureNames());
    return names;
  }

  @Override
  public double[] encode(CellWithHyperparameters<C> candidate) {
    double[] a = cells.encode(candidate.cell());
    double[] b = hyperparameters.encode(candidate.hyperparameters());
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
