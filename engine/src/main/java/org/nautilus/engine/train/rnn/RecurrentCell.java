package org.nautilus.engine.train.rnn;

/** The recurrent cell of the {@code rnn_cell} hyperparameter, by its name there. */
public enum RecurrentCell {
  /** Long short-term memory: four gates, a cell state and a hidden state. */
  LSTM("lstm", 4),
  /** Gated recurrent unit: three gates, one hidden state. */
  GRU("gru", 3);

  private final String label;
  private final int gates;

  RecurrentCell(String label, int gates) {
    this.label = label;
    this.gates = gates;
  }

  /** The name used in hyperparameters. */
  public String label() {
    return label;
  }

  /** Weight blocks per layer: each layer has {@code gates * (in * units + units * units + units)} parameters. */
  public int gates() {
    return gates;
  }

  /** The cell called {@code label}; the message lists the known names. */
  public static RecurrentCell parse(String label) {
    for (RecurrentCell c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("hyperparameter rnn_cell: unknown value '" + label + "', expected lstm or gru");
  }
}
