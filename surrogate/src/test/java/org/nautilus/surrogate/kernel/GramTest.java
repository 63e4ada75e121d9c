package org.nautilus.surrogate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The column-wise {@link Gram} of Matérn-5/2 (and Scaled around it) against the pair-by-pair one. */
class GramTest {
  private static double[][] points(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] p : x) {
      for (int j = 0; j < d; j++) {
        p[j] = r.nextDouble();
      }
    }
    return x;
  }

  @Test
  void columnRowsAreTheKernelsValuesBitForBitAndItsGradientMatchesPairByPair() {
    double[][] x = points(70, 4, 5);
    Kernel[] kernels = {
        Kernel.scaled(Matern52.of(new int[] {0, 2, 3}).withParameters(new double[] {-0.7, 0.2, 1.1}), 1.7),
        Kernel.matern52(4).withParameters(new double[] {0.3, -0.2, -1.0, 0.5}),
    };
    SplittableRandom r = new SplittableRandom(9);
    for (Kernel kernel : kernels) {
      Gram columns = kernel.gram(x);
      Gram pairs = new Gram.ByPair(kernel, x);
      double[] row = new double[x.length];
      double[] weights = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        columns.row(i, row);
        for (int j = 0; j <= i; j++) {
          assertEquals(kernel.value(x[i], x[j]), row[j], 0, "k(" + i + ", " + j + ")");
          weights[j] = r.nextDouble() - 0.5;
        }
        columns.accumulate(i, weights);
        pairs.accumulate(i, weights);
      }
      double[] a = new double[kernel.parameterCount() + 1];
      double[] b = new double[kernel.parameterCount() + 1];
      columns.addGradientTo(a, 1);
      pairs.addGradientTo(b, 1);
      for (int q = 1; q < a.length; q++) {
        assertEquals(b[q], a[q], 1e-12 * Math.max(1, Math.abs(b[q])), kernel.parameterNames().get(q - 1));
      }
      assertEquals(0, a[0], 0, "nothing before the offset");
      assertEquals(pairs.weightedValues(), columns.weightedValues(), 1e-12 * Math.abs(pairs.weightedValues()));
    }
  }
}
