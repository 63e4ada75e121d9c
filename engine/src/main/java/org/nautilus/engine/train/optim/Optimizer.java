package org.nautilus.engine.train.optim;

/** The optimizers of the {@code optimizer} hyperparameter, by their names there. */
public enum Optimizer {
  SGD("sgd"),
  MOMENTUM("momentum"),
  NESTEROV("nesterov"),
  ADAGRAD("adagrad"),
  RMSPROP("rmsprop"),
  ADAM("adam");

  private final String label;

  Optimizer(String label) {
    this.label = label;
  }

  /** The name used in hyperparameters and spec files. */
  public String label() {
    return label;
  }

  /** The optimizer called {@code label}; the message lists the known names. */
  public static Optimizer parse(String label) {
    for (Optimizer o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("hyperparameter optimizer: unknown value '" + label
        + "', expected sgd, momentum, nesterov, adagrad, rmsprop or adam");
  }
}
