package org.nautilus.surrogate.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits hyperparameters by maximizing the log marginal likelihood (plus an optional log-prior), then
 * returns the posterior on all the points.
 *
 * <ol>
 *   <li><b>Multi-start on a subset.</b> {@link BoundedLbfgs} from several starts on a seeded random subset
 *       of {@link FitConfig#subsetSize()} points (all of them if there are no more), where an evaluation
 *       is cheap; the best start wins.
 *   <li><b>Polish on ever more points</b> (when {@link FitConfig#refineIterations()} {@code > 0}): on
 *       rungs of twice as many points each (every rung containing the last) up to all n,
 *       {@link BoundedBfgs} from the last rung's optimum with the last rung's Hessian extrapolated to the
 *       new size. The first rung's Hessian comes from forward differences on the subset and on its nested
 *       half, which also show how fast each hyperparameter's curvature grows with the number of points.
 *       With the curvature about right from the first step, the optimum on all n points is reached in a
 *       few evaluations on all of them (6 to 7 at n = 1,000, d = 10 in GpFitBenchmark, against about 35
 *       for L-BFGS from the subset's optimum), each O(n^3).
 * </ol>
 *
 * <p>Deterministic: the random starts and the subsets come from {@link FitConfig#seed()}; the starts
 * (and the finite differences), which run in parallel on the calling thread's fork-join pool, are
 * compared in start order, and the parallel linear algebra gives the same numbers on any number of threads.
 */
public final class GpFitter {
  /** Random starts are drawn this far (in log space) on each side of the initial hyperparameters. */
  private static final double START_SPREAD = 2.5;

  private GpFitter() {}

  /**
   * The fitted posterior and how it was found.
   *
   * @param model the posterior on all the points with the best hyperparameters
   * @param objective the best penalized log likelihood found (on the subset when one was used and not
   *     polished on all the points)
   * @param evaluations likelihood evaluations spent, all starts together
   */
  public record Fit(GaussianProcess model, double objective, int evaluations) {
    public Hyperparameters hyperparameters() {
      return model.hyperparameters();
    }
  }

  /** {@link #fit(double[][], double[], Hyperparameters, List, FitConfig)} with no warm starts. */
  public static Fit fit(double[][] x, double[] y, Hyperparameters initial, FitConfig config) {
    return fit(x, y, initial, List.of(), config);
  }

  /**
   * Fits from {@code initial} (also the prior's centre), then each of {@code warmStarts} (e.g. the last
   * fit's hyperparameters), then random starts, keeping the best.
   *
   * @throws DegenerateDataException if the data is degenerate or no start gives a finite likelihood
   */
  public static Fit fit(double[][] x, double[] y, Hyperparameters initial, List<Hyperparameters> warmStarts,
      FitConfig config) {
    double[][] inputs = GaussianProcess.checkInputs(x, y);
    Standardization.of(y); // rejects non-finite values first
    SplittableRandom random = new SplittableRandom(config.seed());
    int n = inputs.length;
    // rungs of doubling size from the subset size to n; each rung's points contain the previous rung's
    int[] sizes = rungs(n, config.subsetSize());
    int[] order = prefix(n, sizes.length > 1 ? sizes[sizes.length - 2] : 0, random);
    double[] centre = initial.vector();
    int p = centre.length;
    double[] lower = Arrays.copyOf(initial.kernel().lowerBounds(), p);
    double[] upper = Arrays.copyOf(initial.kernel().upperBounds(), p);
    lower[p - 1] = Math.log(config.minNoise());
    upper[p - 1] = Math.log(config.maxNoise());
    List<double[]> starts = new ArrayList<>();
    starts.add(centre);
    for (Hyperparameters w : warmStarts) {
      if (starts.size() < Math.max(config.starts(), 1 + warmStarts.size())) {
        starts.add(w.vector());
      }
    }
    while (starts.size() < config.starts()) {
      double[] s = new double[p];
      for (int i = 0; i < p; i++) {
        double lo = Math.max(lower[i], centre[i] - START_SPREAD);
        double hi = Math.min(upper[i], centre[i] + START_SPREAD);
        s[i] = lo + (hi - lo) * random.nextDouble();
      }
      starts.add(s);
    }
    Objective objective = objective(inputs, y, order, sizes[0], initial, centre, config.priorSd(), sizes[0] == n);
    // the starts are independent: run them in parallel, then compare them in start order (deterministic)
    // a start only has to find its basin when polishing follows
    double tolerance = sizes.length > 1 && config.refineIterations() > 0 ? 1e-7 : 1e-9;
    List<BoundedLbfgs.Result> results = starts.parallelStream()
        .map(start -> BoundedLbfgs.minimize(objective, start, lower, upper, config.maxIterations(), 1e-5, tolerance))
        .toList();
    BoundedLbfgs.Result best = null;
    int evaluations = 0;
    for (BoundedLbfgs.Result r : results) {
      evaluations += r.evaluations();
      if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) {
        best = r;
      }
    }
    if (best == null) {
      throw new DegenerateDataException("no hyperparameters from " + starts.size() + " starts give a finite"
          + " likelihood for these " + n + " points");
    }
    // then polish on ever more points: quasi-Newton from the last rung's Hessian extrapolated to this rung's
    // size, which gives the first steps about the right length, so that few evaluations reach the optimum
    Objective last = objective;
    double[] curvature = null; // the last rung's Hessian approximation, from its polish
    double[] earlier = null; // the rung before's
    for (int r = 1; r < sizes.length && config.refineIterations() > 0 && sizes[0] / 2 >= 2; r++) {
      boolean top = sizes[r] == n;
      Objective next = objective(inputs, y, order, sizes[r], initial, centre, config.priorSd(), top);
      if (curvature == null) { // first polish: the Hessian of the subset and of its nested half
        Objective half = objective(inputs, y, order, sizes[0] / 2, initial, centre, config.priorSd(), false);
        Curvature c = curvature(last, half, best.x(), lower, upper, config.priorSd());
        evaluations += c.evaluations();
        curvature = c.hessian();
        earlier = c.half();
      }
      double[] start = extrapolate(curvature, earlier, sizes[r - 1], sizes[r], config.priorSd());
      // on all the points, stop when the model predicts less than 1e-11 |f| more: about where evaluations at
      // nearby points differ by rounding (1e-7 at n = 1,000), so further steps chase noise
      BoundedBfgs.Result polished = BoundedBfgs.minimize(next, best.x(), start, lower, upper,
          config.refineIterations() + 1, 1e-6, top ? 1e-11 : 1e-9);
      evaluations += polished.evaluations();
      if (!Double.isFinite(polished.value())) {
        break;
      }
      best = new BoundedLbfgs.Result(polished.x(), polished.value(), polished.evaluations());
      earlier = curvature;
      curvature = polished.hessian();
      last = next;
    }
    Objective full = last.remember ? last : null;
    Hyperparameters fitted = initial.withVector(best.x());
    java.util.Optional<KernelMatrix.Factor> factor = full == null ? java.util.Optional.empty() : full.factorAt(best.x());
    GaussianProcess model = factor.isPresent() ? GaussianProcess.of(inputs, y.clone(), fitted, factor.get())
        : GaussianProcess.fit(inputs, y, fitted);
    return new Fit(model, -best.value(), evaluations);
  }

  /** Hessians (with the prior's curvature) of a subset's objective and of its nested half, and their cost. */
  private record Curvature(double[] hessian, double[] half, int evaluations) {}

  /** Forward-difference step, in log space, of {@link #curvature}. */
  private static final double DIFFERENCE_STEP = 1e-4;

  /**
   * The Hessians at {@code x} of the objective on a subset and on its nested half, by forward differences
   * of their gradients over the variables not held at a bound (the others get the mean of the other
   * diagonal entries and no coupling).
   */
  private static Curvature curvature(Objective f, Objective half, double[] x, double[] lower, double[] upper,
      double priorSd) {
    int p = x.length;
    double[] g0 = new double[p];
    f.evaluate(x, g0);
    boolean[] free = new boolean[p];
    int count = 0;
    for (int i = 0; i < p; i++) {
      free[i] = !((x[i] <= lower[i] && g0[i] > 0) || (x[i] >= upper[i] && g0[i] < 0));
      count += free[i] ? 1 : 0;
    }
    return new Curvature(differences(f, x, free, upper), differences(half, x, free, upper), 3 + 2 * count);
  }

  /**
   * The Hessian on {@code to} points extrapolated from that on {@code from} points ({@code hessian}) and on
   * {@code from / 2} ({@code earlier}): a likelihood's curvature grows with the number of points, by a
   * factor that differs between hyperparameters (measured on GpFitBenchmark's data from 250 to 1,000
   * points: 1.1 to 2.1 for length-scales, 5 for the noise), so diagonal entry i is extrapolated from its
   * growth {@code r_i} over the last doubling as {@code r_i^(log2(to / from))}, clamped to [1, to / from],
   * and the matrix is scaled symmetrically by the square roots of these factors. The prior's curvature
   * ({@code 1 / priorSd^2} on the diagonal) is not scaled. The polish's BFGS updates correct the rest.
   */
  private static double[] extrapolate(double[] hessian, double[] earlier, int from, int to, double priorSd) {
    int p = (int) Math.round(Math.sqrt(hessian.length));
    double prior = Double.isFinite(priorSd) ? 1 / (priorSd * priorSd) : 0;
    double ratio = (double) to / from;
    double exponent = Math.log(ratio) / Math.log(2);
    double[] scale = new double[p];
    for (int i = 0; i < p; i++) {
      double growth = (hessian[i * p + i] - prior) / (earlier[i * p + i] - prior);
      double c = growth > 0 && Double.isFinite(growth) ? Math.pow(growth, exponent) : ratio;
      scale[i] = Math.sqrt(Math.min(ratio, Math.max(1, c)));
    }
    double[] h = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        double v = hessian[i * p + j] - (i == j ? prior : 0);
        h[i * p + j] = scale[i] * scale[j] * v + (i == j ? prior : 0);
      }
    }
    return h;
  }

  /**
   * The Hessian of f at x by forward differences of its gradient, symmetrized, over the free variables;
   * the others (and any whose evaluation failed) get the mean of the known diagonal entries and no
   * coupling. The evaluations are independent and run in parallel.
   */
  private static double[] differences(Objective f, double[] x, boolean[] free, double[] upper) {
    int p = x.length;
    double[] g0 = new double[p];
    double[] h = new double[p * p];
    double[][] rows = new double[p][];
    if (Double.isFinite(f.evaluate(x, g0))) {
      java.util.stream.IntStream.range(0, p).filter(i -> free[i]).parallel().forEach(i -> {
        double[] xi = x.clone();
        double step = xi[i] + DIFFERENCE_STEP <= upper[i] ? DIFFERENCE_STEP : -DIFFERENCE_STEP;
        xi[i] += step;
        double[] gi = new double[p];
        if (Double.isFinite(f.evaluate(xi, gi))) {
          for (int j = 0; j < p; j++) {
            gi[j] = (gi[j] - g0[j]) / step;
          }
          rows[i] = gi;
        }
      });
    }
    double diagonal = 0;
    int known = 0;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        if (rows[i] != null && rows[j] != null) {
          h[i * p + j] = 0.5 * (rows[i][j] + rows[j][i]);
        }
      }
      if (rows[i] != null && h[i * p + i] > 0) {
        diagonal += h[i * p + i];
        known++;
      }
    }
    diagonal = known > 0 ? diagonal / known : 1;
    for (int i = 0; i < p; i++) {
      if (rows[i] == null || !(h[i * p + i] > 0)) {
        for (int j = 0; j < p; j++) {
          h[i * p + j] = 0;
          h[j * p + i] = 0;
        }
        h[i * p + i] = diagonal;
      }
    }
    return h;
  }

  /** Sizes m, 2m, 4m, ... below n, then n (just n if n <= m). */
  private static int[] rungs(int n, int m) {
    List<Integer> sizes = new ArrayList<>();
    for (long s = m; s < n; s *= 2) {
      sizes.add((int) s);
    }
    sizes.add(n);
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The indices 0..n-1 with the first {@code size} of them a seeded random sample (partial Fisher-Yates). */
  private static int[] prefix(int n, int size, SplittableRandom random) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return all;
  }

  /** The objective on the first {@code size} points of {@code order} in index order (all the points if size is n). */
  private static Objective objective(double[][] x, double[] y, int[] order, int size, Hyperparameters shape,
      double[] centre, double priorSd, boolean remember) {
    int n = x.length;
    int[] chosen = size >= n ? null : Arrays.copyOf(order, size);
    if (chosen != null) {
      Arrays.sort(chosen);
    }
    double[][] xs = chosen == null ? x : new double[size][];
    double[] ys = chosen == null ? y : new double[size];
    for (int i = 0; chosen != null && i < size; i++) {
      xs[i] = x[chosen[i]];
      ys[i] = y[chosen[i]];
    }
    return new Objective(xs, Standardization.of(ys).apply(ys), shape, centre, priorSd, remember);
  }

  /**
   * Minus the penalized log marginal likelihood; +infinity where the kernel matrix cannot be factored.
   * With {@code remember}, keeps the factor of the lowest value evaluated so far (for sequential use).
   */
  private static final class Objective implements BoundedLbfgs.Function {
    private final double[][] x;
    private final double[] y;
    private final Hyperparameters shape;
    private final double[] centre;
    private final double priorSd;
    private final boolean remember;
    private double bestValue = Double.POSITIVE_INFINITY;
    private double[] bestTheta;
    private KernelMatrix.Factor bestFactor;

    Objective(double[][] x, double[] y, Hyperparameters shape, double[] centre, double priorSd) {
      this(x, y, shape, centre, priorSd, false);
    }

    Objective(double[][] x, double[] y, Hyperparameters shape, double[] centre, double priorSd, boolean remember) {
      this.x = x;
      this.y = y;
      this.shape = shape;
      this.centre = centre;
      this.priorSd = priorSd;
      this.remember = remember;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
      Likelihood.Evaluation e;
      KernelMatrix.Factor[] factor = remember ? new KernelMatrix.Factor[1] : null;
      try {
        e = Likelihood.evaluate(x, y, shape.withVector(theta), factor);
      } catch (DegenerateDataException ex) {
        return Double.POSITIVE_INFINITY;
      }
      double value = e.value();
      for (int i = 0; i < theta.length; i++) {
        gradient[i] = -e.gradient()[i];
        if (Double.isFinite(priorSd)) {
          double z = (theta[i] - centre[i]) / priorSd;
          value -= 0.5 * z * z;
          gradient[i] += z / priorSd;
        }
      }
      double out = Double.isFinite(value) ? -value : Double.POSITIVE_INFINITY;
      if (remember && out < bestValue) {
        bestValue = out;
        bestTheta = theta.clone();
        bestFactor = factor[0];
      }
      return out;
    }

    /** The factor kept for {@code theta}, if it is the best point evaluated. */
    java.util.Optional<KernelMatrix.Factor> factorAt(double[] theta) {
      return bestTheta != null && Arrays.equals(bestTheta, theta) ? java.util.Optional.of(bestFactor)
          : java.util.Optional.empty();
    }
  }
}
