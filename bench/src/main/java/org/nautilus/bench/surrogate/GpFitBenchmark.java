package org.nautilus.bench.surrogate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nautilus.surrogate.acquisition.LogExpectedImprovement;
import org.nautilus.surrogate.gp.FitConfig;
import org.nautilus.surrogate.gp.GaussianProcess;
import org.nautilus.surrogate.gp.GpFitter;
import org.nautilus.surrogate.gp.Hyperparameters;
import org.nautilus.surrogate.kernel.Kernel;

/**
 * Fit (hyperparameters included) plus one proposal at n points in d dimensions, side by side with
 * scikit-learn's {@code GaussianProcessRegressor} (Matérn-5/2 ARD times a constant, plus white noise,
 * normalized outputs, the same bounds) on the same data, when {@code python3 -c 'import sklearn'} works
 * ({@code python3} on the PATH, else {@code /usr/bin/python3}); skipped otherwise.
 *
 * <p>Data: x uniform in [0, 1]^d (seed 1), {@code y = sin(3 x0) + cos(5 x1) x2 + 2 (x3 - 0.5)^2 + 0.5 x4
 * + 0.05 e}: five relevant inputs, the rest irrelevant. The proposal maximizes log-EI over 2,000 random
 * points. Reported: the best of {@code --reps} timings, the log marginal likelihood of the standardized
 * outputs (scikit-learn's {@code log_marginal_likelihood_value_} with {@code normalize_y}), and
 * scikit-learn's own likelihood at Nautilus's hyperparameters as a cross-check.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java -cp bench/target/benchmarks.jar
 * org.nautilus.bench.surrogate.GpFitBenchmark [n] [d] [reps] [subset] [refine] [sklearnRestarts]}
 * (defaults 1000 10 3 250 {@value FitConfig#DEFAULT_REFINE_ITERATIONS} 3, i.e. the default {@code FitConfig}; refine 0
 * keeps the subset's optimum; a negative sklearnRestarts skips scikit-learn). Timings are wall clock on
 * the common fork-join pool; the load average is printed because the reference machine is shared.
 */
public final class GpFitBenchmark {
  private GpFitBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int subset = args.length > 3 ? Integer.parseInt(args[3]) : 250;
    int refine = args.length > 4 ? Integer.parseInt(args[4]) : FitConfig.DEFAULT_REFINE_ITERATIONS;
    int restarts = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    SplittableRandom r = new SplittableRandom(1);
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextDouble();
      }
      y[i] = Math.sin(3 * x[i][0]) + Math.cos(5 * x[i][1]) * x[i][2] + 2 * (x[i][3] - 0.5) * (x[i][3] - 0.5)
          + 0.5 * x[i][4] + 0.05 * r.nextGaussian();
    }
    Hyperparameters initial = new Hyperparameters(Kernel.scaled(Kernel.matern52(d), 1), 0.01);
    FitConfig config = FitConfig.defaults(7).withSubsetSize(subset).withRefineIterations(refine);
    long best = Long.MAX_VALUE;
    long bestFit = Long.MAX_VALUE;
    long bestProposal = Long.MAX_VALUE;
    GpFitter.Fit fit = null;
    for (int rep = 0; rep < reps; rep++) {
      long start = System.nanoTime();
      fit = GpFitter.fit(x, y, initial, config);
      long fitted = System.nanoTime();
      propose(fit.model(), d, y);
      long end = System.nanoTime();
      best = Math.min(best, end - start);
      bestFit = Math.min(bestFit, fitted - start);
      bestProposal = Math.min(bestProposal, end - fitted);
    }
    System.out.printf(Locale.ROOT, "nautilus: n=%d d=%d starts=%d subset=%d refine=%d: fit + proposal %.3f s (best of %d;"
        + " best fit %.3f s, best proposal %.3f s), %d likelihood evaluations, log marginal likelihood %.10f%n  %s%n",
        n, d, config.starts(), subset, refine, best / 1e9, reps, bestFit / 1e9, bestProposal / 1e9, fit.evaluations(),
        fit.model().logMarginalLikelihood(), fit.hyperparameters());
    System.out.println("load average before scikit-learn: " + loadAverage());
    if (restarts < 0) {
      System.out.println("scikit-learn: skipped (sklearnRestarts < 0)");
      return;
    }
    java.util.Optional<String> python = pythonWithSklearn();
    if (python.isEmpty()) {
      System.out.println("scikit-learn: skipped (neither python3 nor /usr/bin/python3 can import sklearn)");
      return;
    }
    Path csv = Files.createTempFile("nautilus-gp-fit", ".csv");
    try {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          s.append(x[i][j]).append(',');
        }
        s.append(y[i]).append('\n');
      }
      Files.writeString(csv, s, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(python.get(), script().toString(), csv.toString(),
          Integer.toString(restarts)));
      for (double v : fit.hyperparameters().vector()) {
        command.add(Double.toString(v));
      }
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
        System.out.println("scikit-learn: failed: " + out);
        return;
      }
      System.out.println("scikit-learn (n_restarts_optimizer=" + restarts + "): " + out);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** The first three fields of /proc/loadavg, or "unknown". */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The log-EI maximizer over 2,000 random points, as a proposal in a continuous space would be. */
  private static double[] propose(GaussianProcess model, int d, double[] y) {
    SplittableRandom r = new SplittableRandom(2);
    double[][] pool = new double[2000][d];
    for (double[] p : pool) {
      for (int j = 0; j < d; j++) {
        p[j] = r.nextDouble();
      }
    }
    double[] means = new double[pool.length];
    double[] variances = new double[pool.length];
    model.predict(pool, means, variances);
    double incumbent = model.maxObservation();
    LogExpectedImprovement logEi = new LogExpectedImprovement(0);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pool.length; i++) {
      double s = logEi.score(means[i], Math.sqrt(variances[i]), incumbent);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return pool[best];
  }

  /** The first of {@code python3} (on the PATH) and {@code /usr/bin/python3} (Debian's, where apt installs sklearn) that imports sklearn. */
  private static java.util.Optional<String> pythonWithSklearn() throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import sklearn").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return java.util.Optional.of(python);
        }
      } catch (IOException e) {
        // not installed here: try the next
      }
    }
    return java.util.Optional.empty();
  }

  /** bench/scripts/sklearn_gp.py, from the repository root or from bench/. */
  private static Path script() {
    Path fromRoot = Path.of("bench", "scripts", "sklearn_gp.py");
    return Files.exists(fromRoot) ? fromRoot : Path.of("scripts", "sklearn_gp.py");
  }
}
