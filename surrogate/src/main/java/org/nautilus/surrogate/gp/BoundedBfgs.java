package org.nautilus.surrogate.gp;

/**
 * Minimizes a smooth function within a box by projected quasi-Newton steps with a dense BFGS
 * approximation B of the Hessian (not of its inverse), started from a given matrix. Meant for few,
 * expensive evaluations from a good start with a good curvature estimate: {@link GpFitter} polishes on all
 * the points what it fitted on a subset, starting from the subset's Hessian scaled to the number of
 * points, where L-BFGS (which starts from a multiple of the identity) would spend several evaluations
 * learning the scales. A step solves {@code B_ff d = -g_f} on the variables not held at a bound (at most
 * {@value #MAX_STEP} long in any variable), then backtracks (Armijo) along the projected path a few times at
 * most; if that fails, B keeps only its diagonal (at least |g_i|) and the step is tried again once.
 */
final class BoundedBfgs {
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 4;
  /** Longest step in any variable (log-hyperparameters: a factor of e^2). */
  private static final double MAX_STEP = 2;

  private BoundedBfgs() {}

  /**
   * Minimizes {@code f} from {@code start} (clipped to the box) with at most {@code maxEvaluations}
   * evaluations, from the Hessian estimate {@code hessian} (p x p row-major, symmetric; made positive
   * definite by a ridge if it is not), stopping when the projected gradient is below
   * {@code gradientTolerance} or a step improves the value by less than
   * {@code relativeTolerance * max(1, |f|)}.
   */
  /** The best point found, its value, the evaluations spent, and the final Hessian approximation (p x p). */
  record Result(double[] x, double value, int evaluations, double[] hessian) {}

  static Result minimize(BoundedLbfgs.Function f, double[] start, double[] hessian, double[] lower,
      double[] upper, int maxEvaluations, double gradientTolerance, double relativeTolerance) {
    int p = start.length;
    double[] x = BoundedLbfgs.clip(start, lower, upper);
    double[] g = new double[p];
    double fx = f.evaluate(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      return new Result(x, Double.POSITIVE_INFINITY, evaluations, hessian.clone());
    }
    double[] b = hessian.clone();
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < i; j++) {
        double v = 0.5 * (b[i * p + j] + b[j * p + i]);
        b[i * p + j] = v;
        b[j * p + i] = v;
      }
    }
    positiveDefinite(b, p);
    double[] xn = new double[p];
    double[] gn = new double[p];
    double[] d = new double[p];
    boolean reset = false;
    while (evaluations < maxEvaluations) {
      boolean[] free = new boolean[p];
      double projected = 0;
      for (int i = 0; i < p; i++) {
        free[i] = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
        if (free[i]) {
          projected = Math.max(projected, Math.abs(g[i]));
        }
      }
      if (projected < gradientTolerance) {
        break;
      }
      newtonDirection(b, g, free, d);
      double largest = 0;
      for (int i = 0; i < p; i++) {
        largest = Math.max(largest, Math.abs(d[i]));
      }
      for (int i = 0; largest > MAX_STEP && i < p; i++) {
        d[i] *= MAX_STEP / largest; // a step longer than the model's reach: keep its direction
      }
      double slope = 0;
      for (int i = 0; i < p; i++) {
        slope += g[i] * d[i];
      }
      if (slope < 0 && -0.5 * slope < relativeTolerance * Math.max(1, Math.abs(fx))) {
        break; // the quadratic model predicts less than the tolerance (at the optimum, to rounding)
      }
      if (!(slope < 0)) { // not a descent direction: steepest descent, at most one unit in log space
        largest = 0;
        for (int i = 0; i < p; i++) {
          d[i] = free[i] ? -g[i] : 0;
          largest = Math.max(largest, Math.abs(d[i]));
        }
        for (int i = 0; i < p; i++) {
          d[i] /= Math.max(1, largest);
        }
      }
      double fn = Double.NaN;
      boolean accepted = false;
      double t = 1;
      // near the optimum a failed full step is rounding, not a too-long step: do not backtrack then
      int backtracks = -0.5 * slope < 100 * relativeTolerance * Math.max(1, Math.abs(fx)) ? 0 : MAX_BACKTRACKS;
      for (int k = 0; k <= backtracks && evaluations < maxEvaluations; k++, t *= 0.5) {
        double decrease = 0;
        for (int i = 0; i < p; i++) {
          xn[i] = Math.min(upper[i], Math.max(lower[i], x[i] + t * d[i]));
          decrease += g[i] * (xn[i] - x[i]);
        }
        fn = f.evaluate(xn, gn);
        evaluations++;
        if (Double.isFinite(fn) && fn <= fx + ARMIJO * decrease) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        if (reset) {
          break;
        }
        reset = true; // the curvature estimate misled: keep only its diagonal and try again
        for (int i = 0; i < p; i++) {
          for (int j = 0; j < p; j++) {
            if (i != j) {
              b[i * p + j] = 0;
            }
          }
          b[i * p + i] = Math.max(b[i * p + i], Math.abs(g[i]));
        }
        continue;
      }
      reset = false;
      update(b, x, xn, g, gn);
      double improvement = fx - fn;
      System.arraycopy(xn, 0, x, 0, p);
      System.arraycopy(gn, 0, g, 0, p);
      fx = fn;
      if (improvement < relativeTolerance * Math.max(1, Math.abs(fx))) {
        break;
      }
    }
    return new Result(x, fx, evaluations, b);
  }

  /**
   * Adds the smallest ridge {@code 10^k * 1e-10 * max|B_ii|} to the diagonal that makes B positive definite
   * (the BFGS updates then keep it so), or, if none up to 1e10 times that scale does, replaces B by the
   * identity times that scale.
   */
  private static void positiveDefinite(double[] b, int p) {
    double largest = 0;
    for (int i = 0; i < p; i++) {
      largest = Math.max(largest, Math.abs(b[i * p + i]));
    }
    double unit = largest > 0 && Double.isFinite(largest) ? largest : 1;
    double[] a = new double[p * p];
    for (double ridge = 0; ridge <= 1e10 * unit; ridge = ridge == 0 ? 1e-10 * unit : ridge * 10) {
      System.arraycopy(b, 0, a, 0, a.length);
      for (int i = 0; i < p; i++) {
        a[i * p + i] += ridge;
      }
      if (Cholesky.factorRows(a, p)) {
        for (int i = 0; i < p; i++) {
          b[i * p + i] += ridge;
        }
        return;
      }
    }
    java.util.Arrays.fill(b, 0);
    for (int i = 0; i < p; i++) {
      b[i * p + i] = unit;
    }
  }

  /** {@code d_f = -B_ff^-1 g_f} on the free variables (0 elsewhere), with a ridge if B_ff is not positive definite. */
  static void newtonDirection(double[] b, double[] g, boolean[] free, double[] d) {
    int p = g.length;
    int[] index = new int[p];
    int m = 0;
    double largest = 0;
    for (int i = 0; i < p; i++) {
      d[i] = 0;
      if (free[i]) {
        index[m++] = i;
        largest = Math.max(largest, Math.abs(b[i * p + i]));
      }
    }
    if (m == 0) {
      return;
    }
    double[] a = new double[m * m];
    for (double ridge = 0; ; ridge = ridge == 0 ? 1e-10 * Math.max(largest, 1e-300) : ridge * 10) {
      for (int r = 0; r < m; r++) {
        for (int c = 0; c < m; c++) {
          a[r * m + c] = b[index[r] * p + index[c]] + (r == c ? ridge : 0);
        }
      }
      if (Cholesky.factorRows(a, m) || !(ridge < 1e10 * Math.max(largest, 1))) {
        break;
      }
    }
    double[] v = new double[m];
    for (int r = 0; r < m; r++) {
      v[r] = -g[index[r]];
    }
    Cholesky.solve(a, m, v);
    for (int r = 0; r < m; r++) {
      d[index[r]] = Double.isFinite(v[r]) ? v[r] : 0;
    }
  }

  /** The BFGS update of B with the step {@code s = xn - x} and {@code y = gn - g}, skipped unless {@code s.y > 0}. */
  private static void update(double[] b, double[] x, double[] xn, double[] g, double[] gn) {
    int p = x.length;
    double[] s = new double[p];
    double[] y = new double[p];
    double sy = 0;
    double ss = 0;
    double yy = 0;
    for (int i = 0; i < p; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
      sy += s[i] * y[i];
      ss += s[i] * s[i];
      yy += y[i] * y[i];
    }
    if (!(sy > 1e-12 * Math.sqrt(ss * yy))) {
      return;
    }
    double[] bs = new double[p];
    double sbs = 0;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        bs[i] += b[i * p + j] * s[j];
      }
      sbs += s[i] * bs[i];
    }
    if (!(sbs > 0)) {
      return;
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        b[i * p + j] += y[i] * y[j] / sy - bs[i] * bs[j] / sbs;
      }
    }
  }
}
