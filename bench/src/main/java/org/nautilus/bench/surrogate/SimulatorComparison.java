package org.nautilus.bench.surrogate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nautilus.nas.bench.BenchmarkSummary;
import org.nautilus.nas.bench.SearcherFactory;
import org.nautilus.nas.bench.SimulationConfig;
import org.nautilus.nas.bench.SimulationRun;
import org.nautilus.nas.bench.Simulator;
import org.nautilus.nas.bench.SyntheticNb201Table;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Strategies;
import org.nautilus.nas.search.bayes.GpBayesConfig;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.space.Nb201Space;

/**
 * The searchers side by side in the discrete-event simulator on the synthetic NAS-Bench-201 table, as
 * {@code nautilus bench table} runs them, plus the GP searcher with each encoding (how the default was
 * chosen): test accuracy at the incumbent (mean and standard deviation over runs), the search signal,
 * evaluations per run, and wall time.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java -cp bench/target/benchmarks.jar
 * org.nautilus.bench.surrogate.SimulatorComparison [runs] [workers] [tableSeed] [threads] [strategies]}
 * (defaults 50 1 2020 2 {@code random,evolution,reinforce,gp,gp-one_hot,gp-path}); 12,000 s of virtual
 * budget, base seed 0, as in BENCHMARKS.md's simulator section.
 */
public final class SimulatorComparison {
  private SimulatorComparison() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long tableSeed = args.length > 2 ? Long.parseLong(args[2]) : 2020;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    String strategies = args.length > 4 ? args[4] : "random,evolution,reinforce,gp,gp-one_hot,gp-path";
    Path file = Files.createTempFile("nautilus-synthetic-nb201", ".csv");
    try {
      SyntheticNb201Table.write(file, tableSeed);
      Nb201Space space = new Nb201Space();
      TabularBenchmark table = TabularBenchmark.load(file, space, SyntheticNb201Table.columns());
      SimulationConfig config = new SimulationConfig(workers, 12_000, Direction.MAXIMIZE);
      Map<String, SearcherFactory> factories = new LinkedHashMap<>();
      for (String name : strategies.split(",")) {
        factories.put(name, factory(name, space));
      }
      System.out.printf(Locale.ROOT, "synthetic NB201 table seed %d, %d runs x 12,000 s, %d worker(s), %d threads%n",
          tableSeed, runs, workers, threads);
      for (Map.Entry<String, SearcherFactory> e : factories.entrySet()) {
        long start = System.nanoTime();
        List<SimulationRun> result = Simulator.repeat(table, e.getValue(), config, runs, 0, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchmarkSummary summary = BenchmarkSummary.of(result, SyntheticNb201Table.columns(), 12_000,
            BenchmarkSummary.DEFAULT_POINTS);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", e.getKey()));
        for (BenchmarkSummary.ColumnSummary c : summary.columns()) {
          line.append(String.format(Locale.ROOT, "  %s %.2f +- %.2f", c.column(), c.atEnd().mean(), c.atEnd().std()));
        }
        line.append(String.format(Locale.ROOT, "  evaluations %.1f  wall %.1f s", summary.evaluations().mean(),
            seconds));
        System.out.println(line);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static SearcherFactory factory(String name, Nb201Space space) {
    if (name.startsWith("gp-")) {
      GpBayesConfig.Encoding encoding = GpBayesConfig.Encoding.valueOf(name.substring(3).toUpperCase(Locale.ROOT));
      GpBayesConfig config = GpBayesConfig.defaults().withEncoding(encoding);
      return seed -> GpBayesSearcher.of(space, config, Direction.MAXIMIZE, seed);
    }
    return seed -> Strategies.create(name, space, seed, Direction.MAXIMIZE);
  }
}
