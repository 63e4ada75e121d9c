package org.nautilus.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nautilus.surrogate.kernel.Kernel;

/**
 * The blocked (and, from {@link Cholesky#PARALLEL_FROM} rows, parallel) factorization and inverse against
 * the plain row-oriented ones and against closed forms; sizes straddle the panel width (64), the 4-row
 * tiles, {@link Cholesky#BLOCKED_FROM} and {@link Cholesky#PARALLEL_FROM}.
 */
class CholeskyTest {
  /** A Matérn kernel matrix of n random points in [0, 1]^3 plus 1e-3 on the diagonal, row-major. */
  private static double[] kernelMatrix(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][3];
    for (double[] p : x) {
      for (int j = 0; j < 3; j++) {
        p[j] = r.nextDouble();
      }
    }
    double[] k = KernelMatrix.of(x, Kernel.scaled(Kernel.matern52(3).withLengthscale(0.4), 2));
    for (int i = 0; i < n; i++) {
      k[i * n + i] += 1e-3;
    }
    return k;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 63, 64, 65, 130, 191, 192, 257, 383, 384, 450})
  void blockedFactorAndInverseEqualThePlainOnes(int n) {
    double[] k = kernelMatrix(n, n);
    double[] plain = k.clone();
    double[] blocked = k.clone();
    assertTrue(Cholesky.factorRows(plain, n));
    assertTrue(Cholesky.factorBlocked(blocked, n));
    double scale = maxAbs(plain);
    for (int i = 0; i < n * n; i++) {
      assertEquals(plain[i], blocked[i], 1e-12 * scale, "factor entry " + i);
    }
    double[] inversePlain = Cholesky.inverseRows(plain, n);
    double[] inverseBlocked = Cholesky.inverseBlocked(plain, n);
    double inverseScale = maxAbs(inversePlain);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        assertEquals(inversePlain[i * n + j], inverseBlocked[i * n + j], 1e-9 * inverseScale, "inverse " + i + "," + j);
      }
    }
    // and the public entry points, whichever algorithm they pick, give K K^-1 = I
    double[] l = k.clone();
    assertTrue(Cholesky.factor(l, n));
    double[] inverse = Cholesky.inverse(l, n);
    for (int i = 0; i < n; i += Math.max(1, n / 7)) {
      for (int j = 0; j < n; j += Math.max(1, n / 5)) {
        double s = 0;
        for (int q = 0; q < n; q++) {
          s += k[i * n + q] * inverse[q * n + j];
        }
        assertEquals(i == j ? 1 : 0, s, 1e-6, "(K K^-1)[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void blockedFactorRecoversAKnownFactor() {
    // K = L0 L0^T for a random lower-triangular L0 with a positive diagonal: the factor is L0
    int n = 300;
    SplittableRandom r = new SplittableRandom(5);
    double[] l0 = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        l0[i * n + j] = r.nextDouble() - 0.5;
      }
      l0[i * n + i] = 1 + r.nextDouble();
    }
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int q = 0; q <= Math.min(i, j); q++) {
          s += l0[i * n + q] * l0[j * n + q];
        }
        k[i * n + j] = s;
      }
    }
    assertTrue(Cholesky.factorBlocked(k, n));
    for (int i = 0; i < n * n; i++) {
      assertEquals(l0[i], k[i], 1e-9, "entry " + i);
    }
  }

  @Test
  void blockedInverseOfTheKacMurdockSzegoMatrixIsTridiagonal() {
    // K_ij = rho^|i - j| has K^-1 = tridiag(-rho, 1 + rho^2, -rho) / (1 - rho^2), with 1 at both ends
    int n = 400;
    double rho = 0.6;
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i * n + j] = Math.pow(rho, Math.abs(i - j));
      }
    }
    assertTrue(Cholesky.factorBlocked(k, n));
    double[] inverse = Cholesky.inverseBlocked(k, n);
    double c = 1 / (1 - rho * rho);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double expected = i == j ? c * (i == 0 || i == n - 1 ? 1 : 1 + rho * rho) : i - j == 1 ? -rho * c : 0;
        assertEquals(expected, inverse[i * n + j], 1e-10, "(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void blockedFactorRejectsAnIndefiniteMatrix() {
    int n = 260;
    double[] k = kernelMatrix(n, 1);
    k[200 * n + 200] = -1; // a negative diagonal entry late, in the third panel
    assertFalse(Cholesky.factorBlocked(k, n));
  }

  @Test
  void blockedResultsAreTheSameOnOneThreadAndOnSeveral() throws Exception {
    int n = 700; // above PARALLEL_FROM, several panels and column slices
    double[] k = kernelMatrix(n, 7);
    java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
    java.util.concurrent.ForkJoinPool four = new java.util.concurrent.ForkJoinPool(4);
    try {
      double[][] a = one.submit(() -> factorAndInverse(k, n)).get();
      double[][] b = four.submit(() -> factorAndInverse(k, n)).get();
      org.junit.jupiter.api.Assertions.assertArrayEquals(a[0], b[0], "factor");
      org.junit.jupiter.api.Assertions.assertArrayEquals(a[1], b[1], "inverse");
    } finally {
      one.shutdown();
      four.shutdown();
    }
  }

  private static double[][] factorAndInverse(double[] k, int n) {
    double[] l = k.clone();
    assertTrue(Cholesky.factorBlocked(l, n));
    return new double[][] {l, Cholesky.inverseBlocked(l, n)};
  }

  @Test
  void solvingManyColumnsEqualsSolvingEachOne() {
    int n = 150;
    double[] l = kernelMatrix(n, 2);
    assertTrue(Cholesky.factor(l, n));
    SplittableRandom r = new SplittableRandom(3);
    int count = 7;
    double[][] columns = new double[n][count];
    for (double[] row : columns) {
      for (int c = 0; c < count; c++) {
        row[c] = r.nextDouble();
      }
    }
    double[][] each = new double[count][n];
    for (int c = 0; c < count; c++) {
      for (int i = 0; i < n; i++) {
        each[c][i] = columns[i][c];
      }
    }
    Cholesky.solveLowerColumns(l, n, columns, count);
    for (int c = 0; c < count; c++) {
      double[] b = each[c];
      double[][] alone = new double[n][1];
      for (int i = 0; i < n; i++) {
        alone[i][0] = b[i];
      }
      Cholesky.solveLower(l, n, b);
      Cholesky.solveLowerColumns(l, n, alone, 1);
      for (int i = 0; i < n; i++) {
        assertEquals(b[i], columns[i][c], 1e-9 * Math.max(1, Math.abs(b[i])), "column " + c + " entry " + i);
        assertEquals(columns[i][c], alone[i][0], 0, "a column's result does not depend on the others");
      }
    }
  }
}
