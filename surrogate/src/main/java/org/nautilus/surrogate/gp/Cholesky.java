package org.nautilus.surrogate.gp;

/**
 * Dense Cholesky factorization and triangular solves on row-major {@code double[n * n]} arrays.
 *
 * <p>Plain Java rather than a library: Commons Math's {@code CholeskyDecomposition} works on
 * {@code double[][]} column by column and ND4J needs native code the surrogate module must not carry;
 * BENCHMARKS.md ("Surrogate linear algebra") has the three measured side by side. The factorization is
 * row-oriented (Cholesky-Banachiewicz) and computes four rows at once, so each row it reads from memory
 * serves four dot products; the inverse and the solves use row-contiguous axpy loops that the JIT
 * vectorizes.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Replaces the lower triangle of {@code a} (n x n, row-major) with its Cholesky factor L, zeroing the
   * strict upper triangle; false (and {@code a} partly overwritten) if the matrix is not positive definite.
   */
  public static boolean factor(double[] a, int n) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      if (!fourRows(a, n, i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (!oneRow(a, n, i)) {
        return false;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        a[r * n + c] = 0;
      }
    }
    return true;
  }

  private static boolean fourRows(double[] a, int n, int i0) {
    int r0 = i0 * n;
    int r1 = r0 + n;
    int r2 = r1 + n;
    int r3 = r2 + n;
    for (int j = 0; j < i0; j++) {
      int rj = j * n;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int k = 0; k < j; k++) {
        double l = a[rj + k];
        s0 += a[r0 + k] * l;
        s1 += a[r1 + k] * l;
        s2 += a[r2 + k] * l;
        s3 += a[r3 + k] * l;
      }
      double d = a[rj + j];
      a[r0 + j] = (a[r0 + j] - s0) / d;
      a[r1 + j] = (a[r1 + j] - s1) / d;
      a[r2 + j] = (a[r2 + j] - s2) / d;
      a[r3 + j] = (a[r3 + j] - s3) / d;
    }
    for (int i = i0; i < i0 + 4; i++) {
      if (!finishRow(a, n, i, i0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean oneRow(double[] a, int n, int i) {
    return finishRow(a, n, i, 0);
  }

  /** Computes row i's entries from column {@code from} to the diagonal, the earlier ones being done. */
  private static boolean finishRow(double[] a, int n, int i, int from) {
    int ri = i * n;
    for (int j = from; j <= i; j++) {
      int rj = j * n;
      double s = a[ri + j];
      for (int k = 0; k < j; k++) {
        s -= a[ri + k] * a[rj + k];
      }
      if (j == i) {
        if (!(s > 0) || !Double.isFinite(s)) {
          return false;
        }
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
    return true;
  }

  /** Solves {@code L v = b} in place ({@code b} becomes v); L lower, n x n row-major. */
  public static void solveLower(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[ri + k] * b[k];
      }
      b[i] = s / l[ri + i];
    }
  }

  /** Solves {@code L^T x = v} in place ({@code v} becomes x). */
  public static void solveUpper(double[] l, int n, double[] v) {
    for (int i = n - 1; i >= 0; i--) {
      int ri = i * n;
      double x = v[i] / l[ri + i];
      v[i] = x;
      for (int k = 0; k < i; k++) {
        v[k] -= l[ri + k] * x;
      }
    }
  }

  /** {@code K^-1 b} for {@code K = L L^T}, in place. */
  public static void solve(double[] l, int n, double[] b) {
    solveLower(l, n, b);
    solveUpper(l, n, b);
  }

  /** {@code sum_i ln L_ii}, half the log-determinant of {@code K}. */
  public static double halfLogDeterminant(double[] l, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(l[i * n + i]);
    }
    return s;
  }

  /**
   * {@code K^-1} (full, symmetric, row-major) from L, about n^3 / 3 multiply-adds. First the columns of
   * {@code M = L^-1}, stored as the rows of {@code T = M^T} (column j solves {@code L m = e_j} by forward
   * substitution); then {@code K^-1 = M^T M}, whose entry (i, j) is the dot product of rows i and j of T.
   * Both phases are dot products of contiguous rows, four at a time, like {@link #factor}.
   */
  public static double[] inverse(double[] l, int n) {
    double[] t = new double[n * n];
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      inverseColumns(l, n, t, j, 4);
    }
    if (j < n) {
      inverseColumns(l, n, t, j, n - j);
    }
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      int c = 0;
      for (; c + 4 <= i + 1; c += 4) {
        // rows c..c+3 of T are zero before their own index, so the sums start at i (>= c+3)
        int r0 = c * n;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = i; k < n; k++) {
          double v = t[ri + k];
          s0 += v * t[r0 + k];
          s1 += v * t[r1 + k];
          s2 += v * t[r2 + k];
          s3 += v * t[r3 + k];
        }
        out[ri + c] = s0;
        out[ri + c + 1] = s1;
        out[ri + c + 2] = s2;
        out[ri + c + 3] = s3;
      }
      for (; c <= i; c++) {
        int rc = c * n;
        double s = 0;
        for (int k = i; k < n; k++) {
          s += t[ri + k] * t[rc + k];
        }
        out[ri + c] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < i; c++) {
        out[c * n + i] = out[i * n + c];
      }
    }
    return out;
  }

  /**
   * Rows {@code j0 .. j0 + count - 1} (count at most 4) of {@code T = (L^-1)^T}: columns of L^-1 by
   * forward substitution, the four at once so that each entry of L read serves four dot products. The
   * sums start at j0 for all four, which is exact because T's rows are zero before their own index.
   */
  private static void inverseColumns(double[] l, int n, double[] t, int j0, int count) {
    int r0 = j0 * n;
    int r1 = count > 1 ? r0 + n : r0;
    int r2 = count > 2 ? r0 + 2 * n : r0;
    int r3 = count > 3 ? r0 + 3 * n : r0;
    for (int i = j0; i < n; i++) {
      int ri = i * n;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int k = j0; k < i; k++) {
        double v = l[ri + k];
        s0 += v * t[r0 + k];
        s1 += v * t[r1 + k];
        s2 += v * t[r2 + k];
        s3 += v * t[r3 + k];
      }
      double inv = 1 / l[ri + i];
      double[] sums = {s0, s1, s2, s3};
      for (int q = 0; q < count && j0 + q <= i; q++) {
        int j = j0 + q;
        t[j * n + i] = ((i == j ? 1 : 0) - sums[q]) * inv;
      }
    }
  }
}
