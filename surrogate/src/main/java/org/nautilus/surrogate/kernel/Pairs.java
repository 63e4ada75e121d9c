package org.nautilus.surrogate.kernel;

/** Concatenation of the two halves' parameter arrays, shared by {@link Sum} and {@link Product}. */
final class Pairs {
  private Pairs() {}

  static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
