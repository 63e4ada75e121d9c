package org.nautilus.surrogate.kernel;

import java.util.Arrays;

/** Helpers for the input indices a kernel acts on. */
final class Dims {
  private Dims() {}

  static int[] range(int from, int to) {
    if (to <= from) {
      throw new IllegalArgumentException("a kernel needs at least one input, got range " + from + ".." + to);
    }
    int[] out = new int[to - from];
    Arrays.setAll(out, i -> from + i);
    return out;
  }

  static int[] check(int[] dims) {
    if (dims.length == 0) {
      throw new IllegalArgumentException("a kernel needs at least one input");
    }
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("input indices must be >= 0, got " + d);
      }
    }
    return dims.clone();
  }

  static double[] filled(int n, double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }

  static double[] checkLength(double[] values, int n, String what) {
    if (values.length != n) {
      throw new IllegalArgumentException(what + " needs " + n + " values, got " + values.length);
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(what + " must be finite, got " + Arrays.toString(values));
      }
    }
    return values.clone();
  }
}
