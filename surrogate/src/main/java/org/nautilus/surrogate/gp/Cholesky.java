package org.nautilus.surrogate.gp;

/**
 * Dense Cholesky factorization and triangular solves on row-major {@code double[n * n]} arrays.
 *
 * <p>Plain Java rather than a library: Commons Math's {@code CholeskyDecomposition} works on
 * {@code double[][]} column by column and ND4J needs native code the surrogate module must not carry;
 * BENCHMARKS.md ("Surrogate and GP searcher") has them measured side by side. Below
 * {@value #BLOCKED_FROM} rows the factorization is row-oriented (Cholesky-Banachiewicz, four rows at once,
 * so each row read serves four dot products), and so is the inverse below {@value #INVERSE_BLOCKED_FROM};
 * from there on both are blocked and in axpy form ({@code c[j] -= a * b[j]} over rows that share the
 * column index, four sources into two targets per pass), a loop shape the JIT compiles to vector
 * instructions, on slices of columns that stay in the L2 cache; from {@value #PARALLEL_FROM} rows the independent slices run on the fork-join pool.
 * Every entry is computed by the same operations in the same order whatever the number of threads, and
 * vector lanes round exactly as scalar code does (Java has no contraction into fused multiply-adds), so
 * results depend neither on the threads nor on the CPU's vector width. Plain multiply and add, not
 * {@code Math.fma}: where the CPU lacks it {@code Math.fma} is emulated in software, and choosing by CPU
 * would make results differ between machines.
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
   * Solves {@code L X = B} in place for m right-hand sides held as columns: row i of {@code w} holds the
   * i-th entries of all m (length at least m). Forward substitution in axpy form,
   * {@code w_i = (w_i - sum_{k < i} L_ik w_k) / L_ii}, two rows at a time with four sources per pass (the
   * loop the JIT vectorizes; see the class comment). Each column's result is {@link #solveLower}'s up to
   * rounding, and does not depend on m.
   */
  public static void solveLowerColumns(double[] l, int n, double[][] w, int m) {
    for (int i = 0; i < n; i += 2) {
      boolean pair = i + 1 < n;
      double[] c = w[i];
      double[] d = pair ? w[i + 1] : null;
      int ri = i * n;
      int rd = ri + n;
      int k = 0;
      for (; k + 4 <= i; k += 4) {
        if (pair) {
          axpy2x4(c, d, w[k], w[k + 1], w[k + 2], w[k + 3], l[ri + k], l[ri + k + 1], l[ri + k + 2], l[ri + k + 3],
              l[rd + k], l[rd + k + 1], l[rd + k + 2], l[rd + k + 3], 0, m);
        } else {
          axpy4(c, w[k], w[k + 1], w[k + 2], w[k + 3], l[ri + k], l[ri + k + 1], l[ri + k + 2], l[ri + k + 3], 0, m);
        }
      }
      for (; k < i; k++) {
        axpy(c, w[k], l[ri + k], 0, m);
        if (pair) {
          axpy(d, w[k], l[rd + k], 0, m);
        }
      }
      double diagonal = l[ri + i];
      for (int j = 0; j < m; j++) {
        c[j] /= diagonal;
      }
      if (pair) {
        axpy(d, c, l[rd + i], 0, m);
        double last = l[rd + i + 1];
        for (int j = 0; j < m; j++) {
          d[j] /= last;
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
    return n >= INVERSE_BLOCKED_FROM ? inverseBlocked(l, n) : inverseRows(l, n);
  }

  /** {@link #inverseLower} as rows: row i holds columns 0..i (and possibly scratch after them). */
  public static double[][] inverseLowerRows(double[] l, int n) {
    if (n >= INVERSE_BLOCKED_FROM) {
      return inverseRowsBlocked(l, n);
    }
    double[] flat = inverseRows(l, n);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * n, i * n + i + 1);
    }
    return rows;
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
  /**
   * Order from which {@link #inverse} is blocked: the axpy form beat the row-oriented inverse from 64 rows
   * on (28 vs 44 us at 64, 0.25 vs 0.30 ms at 128, 0.73 vs 1.8 ms at 256, single-threaded), while the
   * blocked factorization only pays from about {@value #BLOCKED_FROM}.
   */
  static final int INVERSE_BLOCKED_FROM = 64;
  /** Rows per panel of the blocked factorization. */
  private static final int NB = 64;
  /**
   * Columns per task of the blocked algorithms, so that a slice of the rows it reads (1 MB at n = 1,000)
   * stays in the L2 cache; 64 was twice as slow (the vectorized loops' start and end cost more), 256
   * about the same (measured at n = 1,000).
   */
  private static final int W = 128;
  /** Order from which the blocked algorithms split their independent column slices over the fork-join pool. */
  static final int PARALLEL_FROM = 384;

  /**
   * Right-looking blocked Cholesky on the rows of {@code U = L^T} (row k of U is column k of L, so every
   * update is an axpy over contiguous entries of rows that share the column index, a loop shape the JIT
   * compiles to vector instructions; dot products, whose sums it must keep in order, it does not). For
   * each panel of {@value #NB} rows, its diagonal block is factored first; then each slice of {@value #W}
   * columns to its right subtracts, for each panel row, the contributions of all earlier rows, in order of
   * the row, and divides by the diagonal. The slices are independent, so from {@value #PARALLEL_FROM} rows
   * on they run on the fork-join pool; every entry is computed by the same operations in the same order
   * (its row's contributions by ascending row) whatever the threads, so the result does not depend on them.
   */
  static boolean factorBlocked(double[] a, int n) {
    double[][] u = new double[n][];
    for (int i = 0; i < n; i++) {
      u[i] = java.util.Arrays.copyOfRange(a, i * n, i * n + n); // row i of a symmetric matrix is its column i
    }
    boolean parallel = n >= PARALLEL_FROM;
    for (int start = 0; start < n; start += NB) {
      int p0 = start;
      int p1 = Math.min(n, p0 + NB);
      if (!panelSlice(u, p0, p1, p0, p1, true)) {
        return false;
      }
      int slices = (n - p1 + W - 1) / W;
      forEach(slices, parallel, s -> panelSlice(u, p0, p1, p1 + s * W, Math.min(n, p1 + s * W + W), false));
    }
    // L = U^T, in tiles of 32 x 32 so that both sides stay in the cache
    forEach((n + 31) / 32, parallel, b -> {
      int i0 = b * 32;
      int i1 = Math.min(n, i0 + 32);
      for (int j0 = 0; j0 < i1; j0 += 32) {
        for (int i = i0; i < i1; i++) {
          int ri = i * n;
          int j1 = Math.min(i + 1, j0 + 32);
          for (int j = j0; j < j1; j++) {
            a[ri + j] = u[j][i];
          }
        }
      }
      for (int i = i0; i < i1; i++) {
        java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0);
      }
    });
    return true;
  }

  /**
   * Panel rows [p0, p1) of U, columns [c0, c1): subtracts the contributions of rows [0, p0), then those of
   * the panel's earlier rows, row by row, and divides by the diagonal. The diagonal block ({@code diagonal},
   * c0 = p0, c1 = p1) takes the square roots as it goes (each row from its diagonal on) and fails if one is
   * not of a positive finite number; other slices read the diagonal block's results.
   */
  private static boolean panelSlice(double[][] u, int p0, int p1, int c0, int c1, boolean diagonal) {
    for (int i = p0; i < p1; i += 2) {
      boolean pair = i + 1 < p1;
      double[] c = u[i];
      double[] d = pair ? u[i + 1] : null;
      int from = diagonal ? i : c0;
      int k = 0;
      for (; k + 4 <= i; k += 4) {
        double[] b0 = u[k];
        double[] b1 = u[k + 1];
        double[] b2 = u[k + 2];
        double[] b3 = u[k + 3];
        if (pair) {
          axpy2x4(c, d, b0, b1, b2, b3, b0[i], b1[i], b2[i], b3[i], b0[i + 1], b1[i + 1], b2[i + 1], b3[i + 1], from, c1);
        } else {
          axpy4(c, b0, b1, b2, b3, b0[i], b1[i], b2[i], b3[i], from, c1);
        }
      }
      for (; k < i; k++) {
        double[] b = u[k];
        axpy(c, b, b[i], from, c1);
        if (pair) {
          axpy(d, b, b[i + 1], from, c1);
        }
      }
      if (!finish(c, i, from, c1, diagonal)) {
        return false;
      }
      if (pair) {
        axpy(d, c, c[i + 1], diagonal ? i + 1 : from, c1);
        if (!finish(d, i + 1, diagonal ? i + 1 : from, c1, diagonal)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Row i of U, columns [from, c1): takes the square root of the diagonal first if {@code diagonal}, then divides by it. */
  private static boolean finish(double[] row, int i, int from, int c1, boolean diagonal) {
    if (diagonal) {
      double s = row[i];
      if (!(s > 0) || !Double.isFinite(s)) {
        return false;
      }
      row[i] = Math.sqrt(s);
      from = i + 1;
    }
    double d = row[i];
    for (int j = from; j < c1; j++) {
      row[j] /= d;
    }
    return true;
  }

  /** {@code c[j] -= a * b[j]} for j in [from, to). */
  private static void axpy(double[] c, double[] b, double a, int from, int to) {
    for (int j = from; j < to; j++) {
      c[j] -= a * b[j];
    }
  }

  /** {@code c[j] = c[j] - a0 b0[j] - a1 b1[j] - a2 b2[j] - a3 b3[j]} for j in [from, to), in that order. */
  private static void axpy4(double[] c, double[] b0, double[] b1, double[] b2, double[] b3, double a0, double a1,
      double a2, double a3, int from, int to) {
    for (int j = from; j < to; j++) {
      c[j] = c[j] - a0 * b0[j] - a1 * b1[j] - a2 * b2[j] - a3 * b3[j];
    }
  }

  /**
   * {@link #axpy4} into two rows at once ({@code c} with a0..a3, {@code d} with e0..e3), so that each source
   * entry loaded serves two updates: the loop the JIT vectorizes best here (measured: 15 to 18 billion
   * multiply-adds a second on one core, against about 5 for 4 x 4 tiles of dot products; arrays indexed
   * by offsets, or more than four sources, were not vectorized).
   */
  private static void axpy2x4(double[] c, double[] d, double[] b0, double[] b1, double[] b2, double[] b3, double a0,
      double a1, double a2, double a3, double e0, double e1, double e2, double e3, int from, int to) {
    for (int j = from; j < to; j++) {
      double v0 = b0[j];
      double v1 = b1[j];
      double v2 = b2[j];
      double v3 = b3[j];
      c[j] = c[j] - a0 * v0 - a1 * v1 - a2 * v2 - a3 * v3;
      d[j] = d[j] - e0 * v0 - e1 * v1 - e2 * v2 - e3 * v3;
    }
  }

  /**
   * Blocked {@code K^-1 = V^T V} with {@code V = L^-1}, as {@link #inverseRows} computes it but in axpy
   * form: row i of V is {@code (e_i - sum_{k < i} L_ik V_k) / L_ii}, and row i of the lower triangle of
   * K^-1 is {@code sum_{k >= i} V_ki V_k} (over columns up to i). Both are computed in slices of
   * {@value #W} columns, which are independent (V's column slice needs only its own earlier rows), and
   * run on the fork-join pool from {@value #PARALLEL_FROM} rows on; every entry is computed by the same
   * operations in the same order whatever the threads. Returns the lower triangle, row-major.
   */
  static double[] inverseBlocked(double[] l, int n) {
    double[][] rows = inverseRowsBlocked(l, n);
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, out, i * n, i + 1);
    }
    return out;
  }

  /** The lower triangle of K^-1 as rows (row i holds columns 0..i, and scratch after them). */
  static double[][] inverseRowsBlocked(double[] l, int n) {
    boolean parallel = n >= PARALLEL_FROM;
    double[][] v = new double[n][];
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      v[i] = new double[Math.min(n, i + 4)]; // zero right of the diagonal, read by the 4-row updates
      out[i] = new double[Math.min(n, i + 2)];
    }
    int slices = (n + W - 1) / W;
    // slice s costs about (n - s W)^2: pair the heaviest with the lightest (0, last, 1, last - 1, ...) so
    // that the fork-join pool's halving of the range gives its threads similar shares
    int[] order = new int[slices];
    for (int t = 0; t < slices; t++) {
      order[t] = t % 2 == 0 ? t / 2 : slices - 1 - t / 2;
    }
    forEach(slices, parallel, t -> inverseSlice(l, n, v, order[t] * W, Math.min(n, order[t] * W + W)));
    forEach(slices, parallel, t -> gramSlice(v, n, out, order[t] * W, Math.min(n, order[t] * W + W)));
    return out;
  }

  /** Target rows per block of {@link #inverseSlice}: they stay in the cache while the earlier rows stream past once. */
  private static final int RB = 64;

  /**
   * Columns [c0, c1) of V = L^-1, rows c0 .. n - 1 (the rows above are zero there), in blocks of
   * {@value #RB} rows: each block first subtracts the contributions of all the rows before it (each
   * earlier row read once per block, not once per row), then those of its own earlier rows. Every entry
   * still takes its contributions in ascending order of the row.
   */
  private static void inverseSlice(double[] l, int n, double[][] v, int c0, int c1) {
    for (int i0 = c0; i0 < n; i0 += RB) {
      int i1 = Math.min(n, i0 + RB);
      // the block's own entries: 1 on the diagonal
      for (int i = i0; i < i1 && i < c1; i++) {
        v[i][i] = 1;
      }
      // contributions of rows [c0, i0), four at a time, into the block's rows two at a time
      int k = c0;
      for (; k + 4 <= i0; k += 4) {
        double[] b0 = v[k];
        double[] b1 = v[k + 1];
        double[] b2 = v[k + 2];
        double[] b3 = v[k + 3];
        int to = Math.min(c1, k + 4); // the four rows are zero from column k + 4 on
        for (int i = i0; i < i1; i += 2) {
          int ri = i * n;
          if (i + 1 < i1) {
            int rd = ri + n;
            axpy2x4(v[i], v[i + 1], b0, b1, b2, b3, l[ri + k], l[ri + k + 1], l[ri + k + 2], l[ri + k + 3],
                l[rd + k], l[rd + k + 1], l[rd + k + 2], l[rd + k + 3], c0, to);
          } else {
            axpy4(v[i], b0, b1, b2, b3, l[ri + k], l[ri + k + 1], l[ri + k + 2], l[ri + k + 3], c0, to);
          }
        }
      }
      for (; k < i0; k++) {
        double[] b = v[k];
        int to = Math.min(c1, k + 1);
        for (int i = i0; i < i1; i++) {
          axpy(v[i], b, l[i * n + k], c0, to);
        }
      }
      // then the block's own earlier rows, row by row
      for (int i = i0; i < i1; i += 2) {
        boolean pair = i + 1 < i1;
        double[] c = v[i];
        double[] d = pair ? v[i + 1] : null;
        int ri = i * n;
        int rd = ri + n;
        int to = Math.min(c1, i + 1); // row i is zero right of its diagonal
        int toPair = pair ? Math.min(c1, i + 2) : to;
        int q = i0;
        for (; q + 4 <= i; q += 4) {
          int end = Math.min(to, q + 4);
          if (pair) {
            axpy2x4(c, d, v[q], v[q + 1], v[q + 2], v[q + 3], l[ri + q], l[ri + q + 1], l[ri + q + 2], l[ri + q + 3],
                l[rd + q], l[rd + q + 1], l[rd + q + 2], l[rd + q + 3], c0, end);
          } else {
            axpy4(c, v[q], v[q + 1], v[q + 2], v[q + 3], l[ri + q], l[ri + q + 1], l[ri + q + 2], l[ri + q + 3], c0, end);
          }
        }
        for (; q < i; q++) {
          axpy(c, v[q], l[ri + q], c0, Math.min(to, q + 1));
          if (pair) {
            axpy(d, v[q], l[rd + q], c0, Math.min(to, q + 1));
          }
        }
        double diagonal = l[ri + i];
        for (int j = c0; j < to; j++) {
          c[j] /= diagonal;
        }
        if (pair) {
          axpy(d, c, l[rd + i], c0, to);
          double last = l[rd + i + 1];
          for (int j = c0; j < toPair; j++) {
            d[j] /= last;
          }
        }
      }
    }
  }

  /** Columns [c0, c1) of the lower triangle of {@code V^T V}: row i is {@code sum_{k >= i} V_ki V_k}, k ascending. */
  private static void gramSlice(double[][] v, int n, double[][] out, int c0, int c1) {
    for (int i = c0; i < n; i += 2) {
      boolean pair = i + 1 < n;
      double[] c = out[i];
      double[] d = pair ? out[i + 1] : null;
      int to = Math.min(c1, i + 1);
      int toPair = pair ? Math.min(c1, i + 2) : to;
      double[] own = v[i];
      double a = own[i];
      for (int j = c0; j < to; j++) {
        c[j] -= -a * own[j];
      }
      int k = i + 1;
      for (; k + 4 <= n; k += 4) {
        double[] b0 = v[k];
        double[] b1 = v[k + 1];
        double[] b2 = v[k + 2];
        double[] b3 = v[k + 3];
        if (pair) {
          axpy2x4(c, d, b0, b1, b2, b3, -b0[i], -b1[i], -b2[i], -b3[i], -b0[i + 1], -b1[i + 1], -b2[i + 1],
              -b3[i + 1], c0, toPair);
        } else {
          axpy4(c, b0, b1, b2, b3, -b0[i], -b1[i], -b2[i], -b3[i], c0, to);
        }
      }
      for (; k < n; k++) {
        double[] b = v[k];
        axpy(c, b, -b[i], c0, to);
        if (pair) {
          axpy(d, b, -b[i + 1], c0, toPair);
        }
      }
    }
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
