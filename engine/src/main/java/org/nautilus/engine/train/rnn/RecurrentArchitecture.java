package org.nautilus.engine.train.rnn;

import java.util.List;
import java.util.Objects;
import org.nautilus.nas.space.Configuration;

/**
 * The shape of a recurrent network: stacked layers of one cell kind, their width, and dropout.
 *
 * @param cell LSTM or GRU
 * @param layers stacked recurrent layers, 1..8
 * @param units hidden units per layer, 1..4096
 * @param dropout probability of zeroing a layer's output unit (the same units at every step of a
 *     sequence), in [0, 0.95]
 */
public record RecurrentArchitecture(RecurrentCell cell, int layers, int units, double dropout) {
  /** Hyperparameter name of {@link #cell}. */
  public static final String CELL = "rnn_cell";
  /** Hyperparameter name of {@link #layers}. */
  public static final String LAYERS = "layers";
  /** Hyperparameter name of {@link #units}. */
  public static final String UNITS = "units";
  /** Hyperparameter name of {@link #dropout}. */
  public static final String DROPOUT = "dropout";
  /** Every hyperparameter name {@link #with} reads. */
  public static final List<String> NAMES = List.of(CELL, LAYERS, UNITS, DROPOUT);

  public RecurrentArchitecture {
    Objects.requireNonNull(cell, "cell");
    if (layers < 1 || layers > 8) {
      throw new IllegalArgumentException("hyperparameter layers must be in 1..8, got " + layers);
    }
    if (units < 1 || units > 4096) {
      throw new IllegalArgumentException("hyperparameter units must be in 1..4096, got " + units);
    }
    if (!(dropout >= 0 && dropout <= 0.95)) {
      throw new IllegalArgumentException("hyperparameter dropout must be in [0, 0.95], got " + dropout);
    }
  }

  /** This shape overridden by {@code rnn_cell}, {@code layers}, {@code units} and {@code dropout} in {@code hp}. */
  public RecurrentArchitecture with(Configuration hp) {
    return new RecurrentArchitecture(
        hp.get(CELL).map(v -> RecurrentCell.parse(v.text())).orElse(cell),
        integer(hp, LAYERS, layers),
        integer(hp, UNITS, units),
        hp.numeric(DROPOUT).orElse(dropout));
  }

  private static int integer(Configuration hp, String name, int fallback) {
    double value = hp.numeric(name).orElse(fallback);
    if (value != Math.rint(value) || Math.abs(value) > 1e9) {
      throw new IllegalArgumentException("hyperparameter " + name + " must be an integer, got " + value);
    }
    return (int) value;
  }
}
