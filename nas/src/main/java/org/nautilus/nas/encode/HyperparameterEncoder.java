package org.nautilus.nas.encode;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.space.CategoricalDimension;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.ParamValue;

/**
 * Hyperparameters as numbers in [0, 1], dimension by dimension in declaration order:
 * <ul>
 *   <li>a conditional dimension first gets an indicator feature {@code <name>?}: 1 when active, 0 when not;
 *   <li>a float or int dimension: one feature {@code <name>}, its scaled position
 *       ({@link Dimension#scaled}: {@code (v - low) / (high - low)}, or the same in {@code ln v} on a log scale);
 *   <li>a categorical dimension: one-hot, features {@code <name>=<value>} in value order.
 * </ul>
 * An inactive dimension's features are all 0.
 *
 * @param space the space whose configurations are encoded
 */
public record HyperparameterEncoder(HyperparameterSpace space) implements VectorEncoder<Configuration> {
  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (Dimension d : space.dimensions()) {
      if (d.condition().isPresent()) {
        names.add(d.name() + "?");
      }
      if (d instanceof CategoricalDimension c) {
        c.values().forEach(v -> names.add(d.name() + "=" + v));
      } else {
        names.add(d.name());
      }
    }
    return names;
  }

  @Override
  public double[] encode(Configuration configuration) {
    double[] out = new double[length()];
    int i = 0;
    for (Dimension d : space.dimensions()) {
      ParamValue v = configuration.values().get(d.name());
      if (d.condition().isPresent()) {
        out[i++] = v == null ? 0 : 1;
      }
      if (d instanceof CategoricalDimension c) {
        if (v != null) {
          out[i + (int) c.indexOf(v)] = 1;
        }
        i += c.values().size();
      } else {
        out[i++] = v == null ? 0 : d.scaled(v);
      }
    }
    return out;
  }
}
