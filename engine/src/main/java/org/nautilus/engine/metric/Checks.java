package org.nautilus.engine.metric;

/** Argument checks shared by the metrics; messages name the array and the index at fault. */
final class Checks {
  private Checks() {}

  static void sameLength(int actual, int predicted) {
    if (actual != predicted) {
      throw new IllegalArgumentException(actual + " actual values but " + predicted + " predictions");
    }
    if (actual == 0) {
      throw new IllegalArgumentException("no examples to measure");
    }
  }

  static int label(int label, int numClasses, String what, int index) {
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException(what + " label " + label + " at index " + index + " is outside 0.."
          + (numClasses - 1));
    }
    return label;
  }

  static void finite(double value, String what, int index) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " at index " + index + " is " + value);
    }
  }
}
