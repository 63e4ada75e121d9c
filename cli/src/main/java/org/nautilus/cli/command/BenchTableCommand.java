package org.nautilus.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.nas.bench.BenchmarkSummary;
import org.nautilus.nas.bench.SearcherFactory;
import org.nautilus.nas.bench.SimulationConfig;
import org.nautilus.nas.bench.SimulationRun;
import org.nautilus.nas.bench.Simulator;
import org.nautilus.nas.bench.Stat;
import org.nautilus.nas.bench.TableColumns;
import org.nautilus.nas.bench.TableException;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Strategies;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nautilus bench table}: runs a strategy R times against a tabular benchmark in the
 * discrete-event simulator and prints, per column, the mean and standard deviation at the incumbent;
 * {@code --out} also writes them with the anytime curves as JSON.
 */
@Command(name = "table", description = "Simulate R searches against a tabular benchmark (CSV) in virtual time.")
public final class BenchTableCommand implements Callable<Integer> {
  @Option(names = "--table", required = true, paramLabel = "FILE",
      description = "CSV with a header: a 'candidate' column of canonical strings and numeric columns.")
  Path table;

  @Option(names = "--space", defaultValue = "nb201", description = "Space of the candidates (default: ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--objective", required = true, paramLabel = "COL", description = "Column the searcher optimizes.")
  String objective;

  @Option(names = "--cost", required = true, paramLabel = "COL", description = "Column of evaluation cost in seconds.")
  String cost;

  @Option(names = "--report", required = true, split = ",", paramLabel = "COL",
      description = "Columns reported at the incumbent, comma-separated.")
  List<String> report;

  @Option(names = "--budget-seconds", required = true, paramLabel = "S", description = "Virtual-time budget per run.")
  double budgetSeconds;

  @Option(names = "--workers", defaultValue = "1", description = "Parallel virtual workers (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--runs", defaultValue = "100", description = "Independent repetitions (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--strategy", defaultValue = "random", description = "Search strategy (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--seed", defaultValue = "0", description = "Base seed; run r gets its own (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--direction", defaultValue = "maximize",
      description = "maximize or minimize the objective (default: ${DEFAULT-VALUE}).")
  String direction;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the summary and anytime curves as JSON.")
  Optional<Path> out;

  @Option(names = "--points", defaultValue = "50",
      description = "Points of the anytime curves in --out (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--threads", description = "Threads to run repetitions on (default: all cores).")
  Optional<Integer> threads;

  @Override
  public Integer call() throws IOException {
    Direction goal = direction();
    SearchSpace<?> searchSpace = space();
    if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
      throw new UserError("--budget-seconds must be a finite number > 0, got " + budgetSeconds);
    }
    requireAtLeast("--workers", workers, 1);
    requireAtLeast("--runs", runs, 1);
    requireAtLeast("--points", points, 1);
    threads.ifPresent(t -> requireAtLeast("--threads", t, 1));
    try {
      Strategies.create(strategy, searchSpace, seed, goal); // fails fast on an unknown strategy
    } catch (IllegalArgumentException e) {
      throw new UserError("--strategy: " + e.getMessage(), e);
    }
    TableColumns columns;
    try {
      columns = new TableColumns(objective, cost, report);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    int threadCount = threads.orElse(Runtime.getRuntime().availableProcessors());

    long start = System.nanoTime();
    long loaded = start;
    TabularBenchmark benchmark;
    List<SimulationRun> results;
    try {
      benchmark = TabularBenchmark.load(table, searchSpace, columns);
      loaded = System.nanoTime();
      SearcherFactory searchers = runSeed -> Strategies.create(strategy, searchSpace, runSeed, goal);
      results = Simulator.repeat(benchmark, searchers, new SimulationConfig(workers, budgetSeconds, goal), runs, seed,
          threadCount);
    } catch (TableException e) {
      throw new UserError(e.getMessage(), e);
    }
    BenchmarkSummary summary = BenchmarkSummary.of(results, columns, budgetSeconds, points);
    long finished = System.nanoTime();

    PrintStream console = System.out;
    console.printf(Locale.ROOT, "nautilus bench table: %s on %s (%s, %,d rows), %,d runs x %s s of virtual time, "
        + "%d worker%s, seed %d%n", strategy, table, searchSpace.name(), benchmark.size(), runs,
        plain(budgetSeconds), workers, workers == 1 ? "" : "s", seed);
    console.printf(Locale.ROOT, "objective %s (%s), cost %s%n%n", objective, goal.name().toLowerCase(Locale.ROOT),
        cost);
    int width = Math.max("evaluations per run".length(),
        summary.columns().stream().mapToInt(c -> c.column().length() + 12).max().orElse(0));
    console.printf(Locale.ROOT, "%-" + width + "s  %s%n", "column", "at the incumbent, mean ± std over runs");
    for (BenchmarkSummary.ColumnSummary column : summary.columns()) {
      String name = column.column() + (column.objective() ? " (objective)" : "");
      console.printf(Locale.ROOT, "%-" + width + "s  %s%s%n", name, meanStd(column.atEnd()), coverage(column.atEnd()));
    }
    console.printf(Locale.ROOT, "%-" + width + "s  %s%n", "evaluations per run", meanStd(summary.evaluations()));
    console.printf(Locale.ROOT, "%ntable read in %.2f s, %,d runs simulated in %.2f s on %d thread%s%n",
        (loaded - start) / 1e9, runs, (finished - loaded) / 1e9, threadCount, threadCount == 1 ? "" : "s");
    if (out.isPresent()) {
      write(out.get(), summary, benchmark);
      console.println("wrote " + out.get());
    }
    return 0;
  }

  private Direction direction() {
    switch (direction.toLowerCase(Locale.ROOT)) {
      case "maximize":
        return Direction.MAXIMIZE;
      case "minimize":
        return Direction.MINIMIZE;
      default:
        throw new UserError("--direction must be maximize or minimize, got '" + direction + "'");
    }
  }

  private SearchSpace<?> space() {
    if (space.equals("nb201")) {
      return new Nb201Space();
    }
    throw new UserError("--space: unknown space '" + space + "', expected one of nb201");
  }

  private static void requireAtLeast(String option, int value, int min) {
    if (value < min) {
      throw new UserError(option + " must be >= " + min + ", got " + value);
    }
  }

  private String coverage(Stat stat) {
    return stat.count() == runs ? "" : String.format(Locale.ROOT, "  (%,d of %,d runs had a result)", stat.count(), runs);
  }

  /** Mean ± std with four significant digits in the mean and as many decimals in the std. */
  static String meanStd(Stat stat) {
    if (stat.count() == 0) {
      return "-";
    }
    double magnitude = Math.abs(stat.mean());
    int decimals = magnitude == 0 ? 2 : Math.max(0, Math.min(6, 3 - (int) Math.floor(Math.log10(magnitude))));
    String format = "%." + decimals + "f";
    return String.format(Locale.ROOT, format + " ± " + format, stat.mean(), stat.std());
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) value) : Double.toString(value);
  }

  private void write(Path file, BenchmarkSummary summary, TabularBenchmark benchmark) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("table", table.toString());
    json.put("rows", benchmark.size());
    json.put("space", space);
    json.put("strategy", strategy);
    json.put("objective", objective);
    json.put("direction", direction.toLowerCase(Locale.ROOT));
    json.put("cost", cost);
    json.put("report", report);
    json.put("budget_seconds", budgetSeconds);
    json.put("workers", workers);
    json.put("runs", runs);
    json.put("seed", seed);
    json.put("evaluations", stat(summary.evaluations()));
    Map<String, Object> atEnd = new LinkedHashMap<>();
    Map<String, Object> curves = new LinkedHashMap<>();
    curves.put("times", summary.times());
    for (BenchmarkSummary.ColumnSummary column : summary.columns()) {
      atEnd.put(column.column(), stat(column.atEnd()));
      List<Double> means = new ArrayList<>();
      List<Double> stds = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (Stat point : column.curve()) {
        means.add(finite(point.mean()));
        stds.add(finite(point.std()));
        counts.add(point.count());
      }
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("mean", means);
      curve.put("std", stds);
      curve.put("runs", counts);
      curves.put(column.column(), curve);
    }
    json.put("at_incumbent", atEnd);
    json.put("anytime", curves);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    } catch (IOException e) {
      throw new UserError("cannot write --out " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> stat(Stat stat) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mean", finite(stat.mean()));
    out.put("std", finite(stat.std()));
    out.put("runs", stat.count());
    return out;
  }

  /** JSON has no NaN: a figure over no runs is null. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
