package org.nautilus.surrogate.gp;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Minimizes a smooth function within a box: limited-memory BFGS on the variables not held at a bound,
 * with a backtracking (Armijo) line search along the projected path. An L-BFGS-B in spirit, without its
 * Cauchy-point machinery, which a dozen well-scaled hyperparameters do not need.
 *
 * <p>Written here because Commons Math 3.6 has no bounded quasi-Newton method: its gradient optimizer
 * ({@code NonLinearConjugateGradientOptimizer}) ignores bounds and its line search does not use the
 * gradient, and BOBYQA and CMA-ES ignore the analytic gradient that {@link Likelihood} computes.
 */
public final class BoundedLbfgs {
  private static final int MEMORY = 10;
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 30;

  private BoundedLbfgs() {}

  /** A function to minimize; returns a non-finite value where it is undefined. */
  @FunctionalInterface
  public interface Function {
    /** The value at {@code x}, writing the gradient to {@code gradient}. */
    double evaluate(double[] x, double[] gradient);
  }

  /** The best point found, its value, and the number of function evaluations spent. */
  public record Result(double[] x, double value, int evaluations) {}

  /**
   * Minimizes {@code f} from {@code start} (clipped to the box) for at most {@code maxIterations}
   * iterations, stopping early when the projected gradient is below {@code gradientTolerance} or an
   * iteration improves the value by less than {@code relativeTolerance * max(1, |f|)}.
   */
  public static Result minimize(Function f, double[] start, double[] lower, double[] upper, int maxIterations,
      double gradientTolerance, double relativeTolerance) {
    int p = start.length;
    double[] x = clip(start, lower, upper);
    double[] g = new double[p];
    double fx = f.evaluate(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      return new Result(x, Double.POSITIVE_INFINITY, evaluations);
    }
    ArrayDeque<double[][]> memory = new ArrayDeque<>(); // {s, y, {1 / (s.y)}}, newest last
    double[] d = new double[p];
    double[] xn = new double[p];
    double[] gn = new double[p];
    for (int iteration = 0; iteration < maxIterations; iteration++) {
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
      direction(g, free, memory, d);
      double slope = dot(g, d);
      if (!(slope < 0)) { // not a descent direction: restart from steepest descent
        memory.clear();
        for (int i = 0; i < p; i++) {
          d[i] = free[i] ? -g[i] : 0;
        }
        slope = dot(g, d);
      }
      double t = 1;
      if (memory.isEmpty()) {
        double largest = 0;
        for (double v : d) {
          largest = Math.max(largest, Math.abs(v));
        }
        t = Math.min(1, 1 / largest); // first step: at most one unit in log space
      }
      double fn = Double.NaN;
      boolean accepted = false;
      for (int b = 0; b < MAX_BACKTRACKS; b++, t *= 0.5) {
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
        break;
      }
      double[] s = new double[p];
      double[] y = new double[p];
      double sy = 0;
      for (int i = 0; i < p; i++) {
        s[i] = xn[i] - x[i];
        y[i] = gn[i] - g[i];
        sy += s[i] * y[i];
      }
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        memory.addLast(new double[][] {s, y, {1 / sy}});
        if (memory.size() > MEMORY) {
          memory.removeFirst();
        }
      }
      double improvement = fx - fn;
      System.arraycopy(xn, 0, x, 0, p);
      System.arraycopy(gn, 0, g, 0, p);
      fx = fn;
      if (improvement < relativeTolerance * Math.max(1, Math.abs(fx))) {
        break;
      }
    }
    return new Result(x, fx, evaluations);
  }

  /** {@code d = -H g} on the free variables by the two-loop recursion; 0 on the others. */
  private static void direction(double[] g, boolean[] free, ArrayDeque<double[][]> memory, double[] d) {
    int p = g.length;
    for (int i = 0; i < p; i++) {
      d[i] = free[i] ? g[i] : 0;
    }
    double[] a = new double[memory.size()];
    int k = memory.size() - 1;
    for (Iterator<double[][]> it = memory.descendingIterator(); it.hasNext(); k--) {
      double[][] m = it.next();
      a[k] = m[2][0] * maskedDot(m[0], d, free);
      axpy(-a[k], m[1], d, free);
    }
    if (!memory.isEmpty()) {
      double[][] last = memory.getLast();
      double yy = maskedDot(last[1], last[1], free);
      double gamma = yy > 0 ? 1 / (last[2][0] * yy) : 1;
      for (int i = 0; i < p; i++) {
        d[i] *= gamma;
      }
    }
    k = 0;
    for (double[][] m : memory) {
      double beta = m[2][0] * maskedDot(m[1], d, free);
      axpy(a[k++] - beta, m[0], d, free);
    }
    for (int i = 0; i < p; i++) {
      d[i] = free[i] ? -d[i] : 0;
    }
  }

  private static double maskedDot(double[] a, double[] b, boolean[] free) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      if (free[i]) {
        s += a[i] * b[i];
      }
    }
    return s;
  }

  private static void axpy(double c, double[] x, double[] y, boolean[] free) {
    for (int i = 0; i < x.length; i++) {
      if (free[i]) {
        y[i] += c * x[i];
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] clip(double[] x, double[] lower, double[] upper) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
    }
    return out;
  }
}
