package org.nautilus.nas.search.bayes;

import java.util.Optional;
import java.util.OptionalDouble;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.FloatDimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.Scale;

/** The Branin function on x1 in [-5, 10], x2 in [0, 15], as a two-dimensional hyperparameter space. */
final class Branin {
  /** Global minimum, reached at (-pi, 12.275), (pi, 2.275) and (9.42478, 2.475). */
  static final double MINIMUM = 0.397887357729738;

  private Branin() {}

  static HyperparameterSpace space() {
    return HyperparameterSpace.of(
        new FloatDimension("x1", -5, 10, Scale.LINEAR, OptionalDouble.empty(), Optional.empty()),
        new FloatDimension("x2", 0, 15, Scale.LINEAR, OptionalDouble.empty(), Optional.empty()));
  }

  static double of(Configuration c) {
    double x1 = c.values().get("x1").asDouble();
    double x2 = c.values().get("x2").asDouble();
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double t = x2 - b * x1 * x1 + 5 / Math.PI * x1 - 6;
    return t * t + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  }
}
