package org.nautilus.surrogate.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits hyperparameters by maximizing the log marginal likelihood (plus an optional log-prior) with
 * {@link BoundedLbfgs} from several starts, then returns the posterior on all the points. Deterministic:
 * the random starts and the subset come from {@link FitConfig#seed()}, and the starts, which run in
 * parallel on the calling thread's fork-join pool, are compared in start order.
 */
public final class GpFitter {
  /** Random starts are drawn this far (in log space) on each side of the initial hyperparameters. */
  private static final double START_SPREAD = 2.5;

  private GpFitter() {}

  /**
   * The fitted posterior and how it was found.
   *
   * @param model the posterior on all the points with the best hyperparameters
   * @param objective the best penalized log likelihood found (on the subset when one was used)
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
    int[] subset = subset(n, config.subsetSize(), random);
    double[][] xs = new double[subset.length][];
    double[] ys = new double[subset.length];
    for (int i = 0; i < subset.length; i++) {
      xs[i] = inputs[subset[i]];
      ys[i] = y[subset[i]];
    }
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
    Objective objective = new Objective(xs, Standardization.of(ys).apply(ys), initial, centre, config.priorSd());
    // the starts are independent: run them in parallel, then compare them in start order (deterministic)
    List<BoundedLbfgs.Result> results = starts.parallelStream()
        .map(start -> BoundedLbfgs.minimize(objective, start, lower, upper, config.maxIterations(), 1e-5, 1e-9))
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
    if (subset.length < n && config.refineIterations() > 0) {
      Objective full = new Objective(inputs, Standardization.of(y).apply(y), initial, centre, config.priorSd());
      BoundedLbfgs.Result r = BoundedLbfgs.minimize(full, best.x(), lower, upper, config.refineIterations(), 1e-5,
          1e-9);
      evaluations += r.evaluations();
      if (Double.isFinite(r.value())) {
        best = r;
      }
    }
    Hyperparameters fitted = initial.withVector(best.x());
    return new Fit(GaussianProcess.fit(inputs, y, fitted), -best.value(), evaluations);
  }

  /** All indices, or a sorted seeded random subset of {@code size} of them. */
  private static int[] subset(int n, int size, SplittableRandom random) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    if (n <= size) {
      return all;
    }
    for (int i = 0; i < size; i++) { // partial Fisher-Yates
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = Arrays.copyOf(all, size);
    Arrays.sort(out);
    return out;
  }

  /** Minus the penalized log marginal likelihood; +infinity where the kernel matrix cannot be factored. */
  private record Objective(double[][] x, double[] y, Hyperparameters shape, double[] centre, double priorSd)
      implements BoundedLbfgs.Function {
    @Override
    public double evaluate(double[] theta, double[] gradient) {
      Likelihood.Evaluation e;
      try {
        e = Likelihood.evaluate(x, y, shape.withVector(theta));
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
      return Double.isFinite(value) ? -value : Double.POSITIVE_INFINITY;
    }
  }
}
