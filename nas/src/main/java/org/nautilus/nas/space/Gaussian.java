package org.nautilus.nas.space;

import org.nautilus.nas.search.SearchRandom;

/** Standard normal draws from a {@link SearchRandom} (Box-Muller, two uniforms per draw). */
final class Gaussian {
  private Gaussian() {}

  static double next(SearchRandom random) {
    double u1 = 1.0 - random.nextDouble(); // in (0, 1]
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
