package org.nautilus.engine.train.mlp;

import java.util.List;
import java.util.Objects;
import org.nautilus.nas.space.Configuration;

/**
 * The shape of an MLP: hidden layers of equal width, their activation and dropout.
 *
 * @param layers hidden layers, 0..16 (0 is a linear model)
 * @param units units per hidden layer
 * @param activation hidden activation
 * @param dropout probability of zeroing a hidden unit during training, in [0, 0.95]
 */
public record MlpArchitecture(int layers, int units, Activation activation, double dropout) {
  /** Hyperparameter name of {@link #layers}. */
  public static final String LAYERS = "layers";
  /** Hyperparameter name of {@link #units}. */
  public static final String UNITS = "units";
  /** Every hyperparameter name {@link #with} reads. */
  public static final List<String> NAMES = List.of(LAYERS, UNITS, "activation", "dropout");

  public MlpArchitecture {
    Objects.requireNonNull(activation, "activation");
    if (layers < 0 || layers > 16) {
      throw new IllegalArgumentException("hyperparameter layers must be in 0..16, got " + layers);
    }
    if (units < 1 || units > 65_536) {
      throw new IllegalArgumentException("hyperparameter units must be in 1..65536, got " + units);
    }
    if (!(dropout >= 0 && dropout <= 0.95)) {
      throw new IllegalArgumentException("hyperparameter dropout must be in [0, 0.95], got " + dropout);
    }
  }

  /** This shape overridden by {@code layers}, {@code units}, {@code activation} and {@code dropout} in {@code hp}. */
  public MlpArchitecture with(Configuration hp) {
    return new MlpArchitecture(
        (int) hp.numeric(LAYERS).orElse(layers),
        (int) hp.numeric(UNITS).orElse(units),
        hp.get("activation").map(v -> Activation.parse(v.text())).orElse(activation),
        hp.numeric("dropout").orElse(dropout));
  }
}
