package org.nautilus.surrogate.gp;

/** Shift and scale that turn observations into zero mean and unit (population) variance. */
record Standardization(double mean, double scale) {
  /**
   * Of {@code y}. A constant or single observation gets scale 1, so a constant objective gives a flat,
   * well-defined posterior instead of a division by zero.
   *
   * @throws DegenerateDataException if a value is not finite
   */
  static Standardization of(double[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new DegenerateDataException("observation " + i + " is " + y[i] + "; a Gaussian process needs finite"
            + " observations (leave failed trials out)");
      }
      sum += y[i];
    }
    double mean = sum / y.length;
    double squares = 0;
    for (double v : y) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / y.length);
    boolean flat = !(sd > 1e-12 * Math.max(1, Math.abs(mean)));
    return new Standardization(mean, flat ? 1 : sd);
  }

  double[] apply(double[] y) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (y[i] - mean) / scale;
    }
    return out;
  }
}
