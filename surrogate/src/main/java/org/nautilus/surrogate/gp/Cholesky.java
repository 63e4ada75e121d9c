package org.nautilus.surrogate.gp;

/**
 * Dense Cholesky factorization and triangular solves on row-major {@code double[n * n]} arrays.
 *
 * <p>Plain Java rather than a library: Commons Math's {@code CholeskyDecomposition} works on
 * {@code double[][]} column by column and ND4J needs native code the surrogate module must not carry;
 * BENCHMARKS.md ("Surrogate and GP searcher") has them measured side by side. Below
 * {@value #BLOCKED_FROM} rows the factorization is row-oriented (Cholesky-Banachiewicz, four rows at once,
 * so each row read serves four dot products) and so is the inverse; from there on both are blocked, with
 * their O(n^3) work in 4 x 4 tiles of dot products over rows that stay in the L1 and L2 caches (each value
 * loaded serves four multiply-adds), and from {@value #PARALLEL_FROM} rows their independent rows run on
 * the fork-join pool. Every entry is computed by the same operations in the same order whatever the
 * number of threads, so results do not depend on them. Plain multiply and add, not {@code Math.fma}: a
 * fused multiply-add was about 1.4 times faster here, but where the CPU lacks it {@code Math.fma} is
 * emulated in software, and choosing by CPU would make results differ between machines.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Replaces the lower triangle of {@code a} (n x n, row-major) with its Cholesky factor L, zeroing the
   * strict upper triangle; false (and {@code a} partly overwritten) if the matrix is not positive definite.
   * Blocked from {@value #BLOCKED_FROM} rows on ({@link #factorBlocked}), row by row below.
   */
  public static boolean factor(double[] a, int n) {
    return n >= BLOCKED_FROM ? factorBlocked(a, n) : factorRows(a, n);
  }

  /** The unblocked, row-oriented factorization (Cholesky-Banachiewicz, four rows at once). */
  static boolean factorRows(double[] a, int n) {
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
    zeroUpper(a, n);
    return true;
  }

  private static void zeroUpper(double[] a, int n) {
    for (int r = 0; r < n; r++) {
      java.util.Arrays.fill(a, r * n + r + 1, r * n + n, 0);
    }
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
    return finishRow(a, n, i, from, 0);
  }

  /** As above, with the sums starting at column {@code sumFrom} (the earlier columns already subtracted). */
  private static boolean finishRow(double[] a, int n, int i, int from, int sumFrom) {
    int ri = i * n;
    for (int j = from; j <= i; j++) {
      int rj = j * n;
      double s = a[ri + j];
      for (int k = sumFrom; k < j; k++) {
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

  /**
   * Solves {@code L x = v_c} in place for each of the {@code count} rows {@code v_c} of {@code v}
   * (row-major, count x n): forward substitution for all rows at once, in 4 x 4 tiles of dot products,
   * so that each row of L read serves every right-hand side. Each row's result is the same as
   * {@link #solveLower}'s up to rounding.
   */
  public static void solveLowerRows(double[] l, int n, double[] v, int count) {
    double[] s = new double[16];
    for (int i0 = 0; i0 < n; i0 += 4) {
      int rows = Math.min(4, n - i0);
      for (int c0 = 0; c0 < count; c0 += 4) {
        int cols = Math.min(4, count - c0);
        if (i0 > 0) {
          dots(l, i0 * n, n, rows, v, c0 * n, n, cols, i0, s);
        } else {
          java.util.Arrays.fill(s, 0);
        }
        for (int q = 0; q < cols; q++) {
          int rc = (c0 + q) * n;
          for (int r = 0; r < rows; r++) {
            int i = i0 + r;
            int ri = i * n;
            double t = v[rc + i] - s[r * 4 + q];
            for (int k = i0; k < i; k++) {
              t -= l[ri + k] * v[rc + k];
            }
            v[rc + i] = t / l[ri + i];
          }
        }
      }
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
    double[] out = inverseLower(l, n);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < i; c++) {
        out[c * n + i] = out[i * n + c];
      }
    }
    return out;
  }

  /** The lower triangle (diagonal included) of {@link #inverse}; the strict upper triangle is zero. */
  public static double[] inverseLower(double[] l, int n) {
    return n >= BLOCKED_FROM ? inverseBlocked(l, n) : inverseRows(l, n);
  }

  /** The lower triangle of the unblocked inverse described at {@link #inverse}. */
  static double[] inverseRows(double[] l, int n) {
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

  /** Order from which {@link #factor} and {@link #inverse} use the blocked algorithms (measured crossover). */
  static final int BLOCKED_FROM = 192;
  /** Columns per panel of the blocked factorization and rows per block of the blocked inverse. */
  private static final int NB = 64;
  /** Length of the dot products per pass in the blocked {@code T T^T}, so that four rows stay in L1. */
  private static final int KC = 256;
  /** Order from which the blocked algorithms split their independent rows over the fork-join pool. */
  static final int PARALLEL_FROM = 384;

  /**
   * Left-looking blocked Cholesky. For each panel of {@value #NB} columns, every row at or below the panel
   * first subtracts its dot products with the panel's rows over all earlier columns (the bulk of the n^3/6
   * multiply-adds, as 4 x 4 tiles of dot products: each value loaded serves four multiply-adds, and the
   * panel's rows stay in the L2 cache); then the panel's diagonal block is factored and the rows below it
   * are solved against it. Rows are independent within each of these steps, so from {@value #PARALLEL_FROM}
   * rows on they are split over the fork-join pool; each entry is computed by the same operations in the
   * same order either way, so the result does not depend on the threads.
   */
  static boolean factorBlocked(double[] a, int n) {
    boolean parallel = n >= PARALLEL_FROM;
    for (int k0 = 0; k0 < n; k0 += NB) {
      int p0 = k0;
      int p1 = Math.min(n, k0 + NB);
      if (k0 > 0) {
        forEach((n - p0 + 3) / 4, parallel, t -> panelUpdate(a, n, p0 + 4 * t, p0, p1));
      }
      for (int i = p0; i < p1; i++) {
        if (!finishRow(a, n, i, p0, p0)) {
          return false;
        }
      }
      forEach((n - p1 + 3) / 4, parallel, t -> panelSolve(a, n, p1 + 4 * t, p0, p1));
    }
    zeroUpper(a, n);
    return true;
  }

  /** Rows {@code i0 .. i0 + 3} (those below n), columns [k0, k1): subtracts the dot products over [0, k0). */
  private static void panelUpdate(double[] a, int n, int i0, int k0, int k1) {
    int rows = Math.min(4, n - i0);
    double[] s = new double[16];
    for (int j0 = k0; j0 < k1 && j0 < i0 + rows; j0 += 4) {
      int cols = Math.min(4, k1 - j0);
      dots(a, i0 * n, n, rows, a, j0 * n, n, cols, k0, s);
      for (int r = 0; r < rows; r++) {
        int ri = (i0 + r) * n + j0;
        for (int q = 0; q < cols; q++) {
          a[ri + q] -= s[r * 4 + q]; // entries above the diagonal are scratch, zeroed at the end
        }
      }
    }
  }

  /** Rows {@code i0 .. i0 + 3} below the panel [k0, k1): solves them against its factored diagonal block. */
  private static void panelSolve(double[] a, int n, int i0, int k0, int k1) {
    int rows = Math.min(4, n - i0);
    for (int r = 0; r < rows; r++) {
      int ri = (i0 + r) * n;
      for (int j = k0; j < k1; j++) {
        int rj = j * n;
        double s = a[ri + j];
        for (int k = k0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / a[rj + j];
      }
    }
  }

  /**
   * Blocked {@code K^-1 = T T^T} with {@code T = (L^-1)^T}, as {@link #inverseRows} computes it: first the
   * rows of T, which are independent solves {@code L x = e_j}, {@value #NB} at a time (so that each row of
   * L read serves {@value #NB} of them, in 4 x 4 tiles of dot products, while those rows of T stay in the
   * L2 cache); then the lower triangle of {@code T T^T} in 4 x 4 tiles of dot products over
   * {@value #KC} columns at a time. Both split their independent rows over the fork-join pool from
   * {@value #PARALLEL_FROM} rows on, with a result that does not depend on the threads.
   */
  static double[] inverseBlocked(double[] l, int n) { // lower triangle
    boolean parallel = n >= PARALLEL_FROM;
    double[] t = new double[n * n];
    forEach((n + NB - 1) / NB, parallel, b -> inverseBlockRows(l, n, t, b * NB, Math.min(n, b * NB + NB)));
    double[] out = new double[n * n];
    forEach((n + 3) / 4, parallel, it -> gramRows(t, n, out, 4 * it));
    return out;
  }

  /** Rows [j0, j1) of {@code T = (L^-1)^T}: {@code T[j][i] = (delta_ij - sum_{k < i} L[i][k] T[j][k]) / L[i][i]}. */
  private static void inverseBlockRows(double[] l, int n, double[] t, int j0, int j1) {
    double[] s = new double[16];
    double[] sums = new double[(j1 - j0) * 4];
    for (int i0 = j0; i0 < n; i0 += 4) {
      int rows = Math.min(4, n - i0);
      int len = i0 - j0; // T[j][k] = 0 for k < j, so the sums may start at j0
      for (int jt = j0; jt < j1 && jt < i0 + rows; jt += 4) {
        int cols = Math.min(4, j1 - jt);
        if (len > 0) {
          dots(l, i0 * n + j0, n, rows, t, jt * n + j0, n, cols, len, s);
        } else {
          java.util.Arrays.fill(s, 0);
        }
        for (int q = 0; q < cols; q++) {
          for (int r = 0; r < rows; r++) {
            sums[(jt - j0 + q) * 4 + r] = s[r * 4 + q];
          }
        }
      }
      for (int r = 0; r < rows; r++) { // within the tile, in order of i
        int i = i0 + r;
        int ri = i * n;
        double inv = 1 / l[ri + i];
        for (int j = j0; j < j1 && j <= i; j++) {
          int rj = j * n;
          double v = (i == j ? 1 : 0) - sums[(j - j0) * 4 + r];
          for (int k = i0; k < i; k++) {
            v -= l[ri + k] * t[rj + k];
          }
          t[rj + i] = v * inv;
        }
      }
    }
  }

  /** Rows {@code i0 .. i0 + 3} of the lower triangle of {@code T T^T}: sums over k >= i0 (T is zero before). */
  private static void gramRows(double[] t, int n, double[] out, int i0) {
    int rows = Math.min(4, n - i0);
    double[] s = new double[16];
    for (int kb = i0; kb < n; kb += KC) {
      int len = Math.min(KC, n - kb);
      for (int j0 = 0; j0 < i0 + rows; j0 += 4) {
        int cols = Math.min(4, n - j0);
        dots(t, i0 * n + kb, n, rows, t, j0 * n + kb, n, cols, len, s);
        for (int r = 0; r < rows; r++) {
          int i = i0 + r;
          for (int q = 0; q < cols && j0 + q <= i; q++) {
            out[i * n + j0 + q] += s[r * 4 + q];
          }
        }
      }
    }
  }

  /**
   * {@code out[4 r + q] = sum_{k < len} x[x0 + r ldx + k] y[y0 + q ldy + k]} for r < 4, q < 4: sixteen dot
   * products of four rows of x with four rows of y, each value loaded used four times. Rows past
   * {@code xRows} or {@code yRows} repeat row 0 (their sums are to be ignored), so that the loop is one shape.
   */
  private static void dots(double[] x, int x0, int ldx, int xRows, double[] y, int y0, int ldy, int yRows, int len,
      double[] out) {
    int a0 = x0;
    int a1 = xRows > 1 ? x0 + ldx : x0;
    int a2 = xRows > 2 ? x0 + 2 * ldx : x0;
    int a3 = xRows > 3 ? x0 + 3 * ldx : x0;
    int b0 = y0;
    int b1 = yRows > 1 ? y0 + ldy : y0;
    int b2 = yRows > 2 ? y0 + 2 * ldy : y0;
    int b3 = yRows > 3 ? y0 + 3 * ldy : y0;
    double s00 = 0;
    double s01 = 0;
    double s02 = 0;
    double s03 = 0;
    double s10 = 0;
    double s11 = 0;
    double s12 = 0;
    double s13 = 0;
    double s20 = 0;
    double s21 = 0;
    double s22 = 0;
    double s23 = 0;
    double s30 = 0;
    double s31 = 0;
    double s32 = 0;
    double s33 = 0;
    for (int k = 0; k < len; k++) {
      double u0 = x[a0 + k];
      double u1 = x[a1 + k];
      double u2 = x[a2 + k];
      double u3 = x[a3 + k];
      double v0 = y[b0 + k];
      double v1 = y[b1 + k];
      double v2 = y[b2 + k];
      double v3 = y[b3 + k];
      s00 += u0 * v0;
      s01 += u0 * v1;
      s02 += u0 * v2;
      s03 += u0 * v3;
      s10 += u1 * v0;
      s11 += u1 * v1;
      s12 += u1 * v2;
      s13 += u1 * v3;
      s20 += u2 * v0;
      s21 += u2 * v1;
      s22 += u2 * v2;
      s23 += u2 * v3;
      s30 += u3 * v0;
      s31 += u3 * v1;
      s32 += u3 * v2;
      s33 += u3 * v3;
    }
    out[0] = s00;
    out[1] = s01;
    out[2] = s02;
    out[3] = s03;
    out[4] = s10;
    out[5] = s11;
    out[6] = s12;
    out[7] = s13;
    out[8] = s20;
    out[9] = s21;
    out[10] = s22;
    out[11] = s23;
    out[12] = s30;
    out[13] = s31;
    out[14] = s32;
    out[15] = s33;
  }

  /**
   * Boundaries {@code b[0] = 0 < ... < b[chunks] = n} (some chunks may be empty) of row ranges that hold
   * about equal shares of a lower triangle's entries: {@code b[c] = round(n sqrt(c / chunks))}.
   */
  static int[] triangleChunks(int n, int chunks) {
    int[] b = new int[chunks + 1];
    for (int c = 0; c <= chunks; c++) {
      b[c] = (int) Math.round(n * Math.sqrt((double) c / chunks));
    }
    b[chunks] = n;
    return b;
  }

  /** Runs {@code task(0 .. count - 1)}, on the fork-join pool if {@code parallel}; the tasks must be independent. */
  static void forEach(int count, boolean parallel, java.util.function.IntConsumer task) {
    if (parallel && count > 1) {
      java.util.stream.IntStream.range(0, count).parallel().forEach(task);
    } else {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
    }
  }
}
