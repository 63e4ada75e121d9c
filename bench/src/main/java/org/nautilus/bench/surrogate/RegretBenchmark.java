package org.nautilus.bench.surrogate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.FloatDimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.Scale;

/**
 * Simple regret (best value found minus the known minimum) after a number of sequential evaluations on
 * Branin, Hartmann-6 and 10-D Ackley, median over seeds 1..S, for the GP searcher (defaults, with its
 * trust region in these numeric spaces; the
 * one-hot encoding of a continuous space, i.e. inputs scaled to [0, 1]) and random search, through the
 * ordinary ask/tell searcher API over a {@link HyperparameterSpace} of float dimensions.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java -cp bench/target/benchmarks.jar
 * org.nautilus.bench.surrogate.RegretBenchmark [evaluations] [seeds] [functions]} (defaults 100 20
 * {@code branin,hartmann6,ackley10}); seeds run on the common fork-join pool.
 */
public final class RegretBenchmark {
  private RegretBenchmark() {}

  /** A test function on a box, with its known minimum. */
  private record Function(String name, double[] low, double[] high, double minimum, ToDoubleFunction<double[]> f) {
    HyperparameterSpace space() {
      List<Dimension> dims = new ArrayList<>();
      for (int i = 0; i < low.length; i++) {
        dims.add(new FloatDimension("x" + i, low[i], high[i], Scale.LINEAR, OptionalDouble.empty(), Optional.empty()));
      }
      return HyperparameterSpace.of(dims);
    }

    double of(Configuration c) {
      double[] x = new double[low.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = c.values().get("x" + i).asDouble();
      }
      return f.applyAsDouble(x);
    }
  }

  private static final double[][] HARTMANN_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] HARTMANN_P = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
      {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991}, {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
      {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  private static final double[] HARTMANN_ALPHA = {1.0, 1.2, 3.0, 3.2};

  static double branin(double[] x) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double t = x[1] - b * x[0] * x[0] + 5 / Math.PI * x[0] - 6;
    return t * t + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x[0]) + 10;
  }

  static double hartmann6(double[] x) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        inner += HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) * (x[j] - HARTMANN_P[i][j]);
      }
      sum += HARTMANN_ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  static double ackley(double[] x) {
    double squares = 0;
    double cosines = 0;
    for (double v : x) {
      squares += v * v;
      cosines += Math.cos(2 * Math.PI * v);
    }
    int d = x.length;
    return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
  }

  private static Function function(String name) {
    switch (name) {
      case "branin":
        return new Function(name, new double[] {-5, 0}, new double[] {10, 15}, 0.397887357729738,
            RegretBenchmark::branin);
      case "hartmann6":
        return new Function(name, new double[6], filled(6, 1), -3.32236801141551, RegretBenchmark::hartmann6);
      case "ackley10":
        return new Function(name, filled(10, -32.768), filled(10, 32.768), 0, RegretBenchmark::ackley);
      default:
        throw new IllegalArgumentException("unknown function '" + name + "', expected branin, hartmann6 or ackley10");
    }
  }

  private static double[] filled(int n, double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }

  private static double regret(Function f, Searcher s, int evaluations) {
    double best = Double.POSITIVE_INFINITY;
    for (long t = 1; t <= evaluations; t++) {
      Proposal p = s.ask(TrialId.of(t)).orElseThrow();
      double v = f.of((Configuration) p.candidate());
      best = Math.min(best, v);
      s.tell(new Outcome.Completed(p.trial(), v, Map.of()));
    }
    return best - f.minimum();
  }

  public static void main(String[] args) {
    int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String functions = args.length > 2 ? args[2] : "branin,hartmann6,ackley10";
    for (String name : functions.split(",")) {
      Function f = function(name);
      HyperparameterSpace space = f.space();
      long start = System.nanoTime();
      double[] gp = IntStream.rangeClosed(1, seeds).parallel()
          .mapToDouble(seed -> regret(f, GpBayesSearcher.of(space, Direction.MINIMIZE, seed), evaluations)).toArray();
      double gpSeconds = (System.nanoTime() - start) / 1e9;
      double[] random = IntStream.rangeClosed(1, seeds)
          .mapToDouble(seed -> regret(f, RandomSearcher.of(space, seed), evaluations)).toArray();
      double gpMedian = median(gp);
      double randomMedian = median(random);
      System.out.printf(Locale.ROOT, "%-10s %d evaluations, %d seeds: median regret GP %.4g, random %.4g, ratio %.1fx"
          + " (GP wall %.0f s)%n", name, evaluations, seeds, gpMedian, randomMedian, randomMedian / gpMedian, gpSeconds);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
