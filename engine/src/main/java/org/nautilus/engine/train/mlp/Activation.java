package org.nautilus.engine.train.mlp;

/** Hidden-layer activations of the {@code activation} hyperparameter, by their names there. */
public enum Activation {
  RELU("relu", true),
  LEAKY_RELU("leaky_relu", true),
  ELU("elu", true),
  TANH("tanh", false),
  SIGMOID("sigmoid", false);

  private final String label;
  private final boolean rectifier;

  Activation(String label, boolean rectifier) {
    this.label = label;
    this.rectifier = rectifier;
  }

  /** The name used in hyperparameters. */
  public String label() {
    return label;
  }

  /** True for the ReLU family, initialized with He's scheme; the others get Xavier's. */
  public boolean rectifier() {
    return rectifier;
  }

  /** The activation called {@code label}; the message lists the known names. */
  public static Activation parse(String label) {
    for (Activation a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException("hyperparameter activation: unknown value '" + label
        + "', expected relu, leaky_relu, elu, tanh or sigmoid");
  }
}
