package org.nautilus.nas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What R simulated runs of one searcher found: per column, the mean and standard deviation at each
 * run's final incumbent, and anytime curves (the same at each point of a fixed time grid).
 *
 * @param runs number of runs summarized
 * @param evaluations evaluations completed per run
 * @param times the time grid of the anytime curves: {@code budget * k / points} for k = 1..points
 * @param columns the objective column first, then each report column in order
 */
public record BenchmarkSummary(int runs, Stat evaluations, List<Double> times, List<ColumnSummary> columns) {
  /** Default number of points of the anytime curves. */
  public static final int DEFAULT_POINTS = 50;

  public BenchmarkSummary {
    Objects.requireNonNull(evaluations, "evaluations");
    times = List.copyOf(times);
    columns = List.copyOf(columns);
  }

  /**
   * One column's figures. Runs that had no completed evaluation at a time (or at the end) are left out
   * of that point; {@link Stat#count()} says how many runs a figure covers.
   *
   * @param column the column's name
   * @param objective true for the objective column (the best objective so far)
   * @param atEnd the column's value at the final incumbent, over runs
   * @param curve the column's value at the incumbent at each grid time, over runs
   */
  public record ColumnSummary(String column, boolean objective, Stat atEnd, List<Stat> curve) {
    public ColumnSummary {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(atEnd, "atEnd");
      curve = List.copyOf(curve);
    }
  }

  /**
   * Summarizes {@code runs} made with {@code columns} and a budget of {@code budgetSeconds}, with
   * anytime curves of {@code points} points. Deterministic: the runs are read in list order.
   */
  public static BenchmarkSummary of(List<SimulationRun> runs, TableColumns columns, double budgetSeconds, int points) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to summarize");
    }
    if (points < 1) {
      throw new IllegalArgumentException("points must be >= 1, got " + points);
    }
    int n = runs.size();
    int k = columns.report().size();
    double[] times = new double[points];
    List<Double> timeList = new ArrayList<>(points);
    for (int p = 0; p < points; p++) {
      times[p] = budgetSeconds * (p + 1) / points;
      timeList.add(times[p]);
    }
    // values[column][point][run], column 0 = objective; point == points is the end of the run.
    double[][][] values = new double[k + 1][points + 1][n];
    int[] counts = new int[points + 1];
    double[] evaluations = new double[n];
    for (int r = 0; r < n; r++) {
      SimulationRun run = runs.get(r);
      evaluations[r] = run.evaluations();
      List<SimulationRun.Incumbent> trajectory = run.trajectory();
      int at = -1;
      for (int p = 0; p <= points; p++) {
        if (p == points) {
          at = trajectory.size() - 1;
        } else {
          while (at + 1 < trajectory.size() && trajectory.get(at + 1).time() <= times[p]) {
            at++;
          }
        }
        if (at >= 0) {
          SimulationRun.Incumbent incumbent = trajectory.get(at);
          values[0][p][counts[p]] = incumbent.objective();
          for (int c = 0; c < k; c++) {
            values[c + 1][p][counts[p]] = incumbent.report().get(c);
          }
          counts[p]++;
        }
      }
    }
    List<ColumnSummary> summaries = new ArrayList<>(k + 1);
    for (int c = 0; c <= k; c++) {
      List<Stat> curve = new ArrayList<>(points);
      for (int p = 0; p < points; p++) {
        curve.add(Stat.of(values[c][p], counts[p]));
      }
      String name = c == 0 ? columns.objective() : columns.report().get(c - 1);
      summaries.add(new ColumnSummary(name, c == 0, Stat.of(values[c][points], counts[points]), curve));
    }
    return new BenchmarkSummary(n, Stat.of(evaluations), timeList, summaries);
  }
}
