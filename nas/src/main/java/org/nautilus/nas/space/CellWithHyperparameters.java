package org.nautilus.nas.space;

/**
 * An architecture cell together with its training hyperparameters.
 *
 * <p>Canonical string: the cell's canonical string, then, if any hyperparameter is active, {@code ;} and
 * the {@link Configuration}'s canonical string, e.g.
 * {@code |nor_conv_3x3~0|+|...|;learning_rate=0.01;optimizer=adam}. Cell strings never contain {@code ;},
 * so the string splits at its first {@code ;}.
 *
 * @param cell the architecture
 * @param hyperparameters the training hyperparameters
 * @param <C> the cell type
 */
public record CellWithHyperparameters<C extends Candidate>(C cell, Configuration hyperparameters)
    implements Candidate {
  public CellWithHyperparameters {
    if (cell == null || hyperparameters == null) {
      throw new IllegalArgumentException("a cell and a configuration are required");
    }
    if (cell.canonical().contains(";")) {
      throw new IllegalArgumentException("a cell string must not contain ';', got '" + cell.canonical() + "'");
    }
  }

  @Override
  public String canonical() {
    String hp = hyperparameters.canonical();
    return hp.isEmpty() ? cell.canonical() : cell.canonical() + ";" + hp;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
