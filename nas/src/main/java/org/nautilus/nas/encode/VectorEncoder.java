package org.nautilus.nas.encode;

import java.util.List;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.DartsSpace;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.JointSpace;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

/** Turns a candidate into a fixed-length vector of numbers in [0, 1], one per named feature. */
public interface VectorEncoder<C extends Candidate> {
  /** The features' names, in vector order. */
  List<String> featureNames();

  /** Length of every encoded vector. */
  default int length() {
    return featureNames().size();
  }

  /** The vector of {@code candidate}; a new array. */
  double[] encode(C candidate);

  /**
   * The default encoder of a built-in space: one-hot ops for cells, scaled hyperparameters, and their
   * concatenation for a {@link JointSpace}; throws {@link IllegalArgumentException} for other spaces.
   */
  @SuppressWarnings("unchecked")
  static <C extends Candidate> VectorEncoder<C> of(SearchSpace<C> space) {
    if (space instanceof Nb201Space nb201) {
      return (VectorEncoder<C>) new Nb201OneHotEncoder(nb201);
    }
    if (space instanceof DartsSpace darts) {
      return (VectorEncoder<C>) new DartsOneHotEncoder(darts);
    }
    if (space instanceof HyperparameterSpace hps) {
      return (VectorEncoder<C>) new HyperparameterEncoder(hps);
    }
    if (space instanceof JointSpace<?> joint) {
      return (VectorEncoder<C>) jointOf(joint);
    }
    throw new IllegalArgumentException("no vector encoding for space " + space.name());
  }

  private static <D extends Candidate> JointEncoder<D> jointOf(JointSpace<D> joint) {
    return new JointEncoder<>(of(joint.cells()), new HyperparameterEncoder(joint.hyperparameters()));
  }
}
