package org.nautilus.nas.search.bayes;

import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Sobol points over categorical decisions, randomly shifted (a Cranley-Patterson rotation, so different
 * seeds give different designs with the same low discrepancy): decision i is
 * {@code floor(((u_i + shift_i) mod 1) * k_i)}. Its state is the shift and the number of points drawn.
 */
final class SobolDesign {
  /** Commons Math ships direction numbers for up to 1,000 dimensions. */
  static final int MAX_DIMENSIONS = 1000;

  private final int[] sizes;
  private final double[] shift;
  private final SobolSequenceGenerator generator;
  private long drawn;

  SobolDesign(int[] sizes, double[] shift, long drawn) {
    if (sizes.length != shift.length) {
      throw new IllegalArgumentException("Sobol design of " + sizes.length + " decisions, " + shift.length + " shifts");
    }
    this.sizes = sizes.clone();
    this.shift = shift.clone();
    this.generator = new SobolSequenceGenerator(sizes.length);
    this.drawn = drawn;
    generator.skipTo((int) drawn);
  }

  /** The next point's decisions. */
  int[] next() {
    double[] u = generator.nextVector();
    drawn++;
    int[] out = new int[sizes.length];
    for (int i = 0; i < out.length; i++) {
      double v = u[i] + shift[i];
      v -= Math.floor(v);
      out[i] = Math.min(sizes[i] - 1, (int) Math.floor(v * sizes[i]));
    }
    return out;
  }

  double[] shift() {
    return shift.clone();
  }

  long drawn() {
    return drawn;
  }
}
