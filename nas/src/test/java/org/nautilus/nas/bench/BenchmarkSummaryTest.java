package org.nautilus.nas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.TrialId;

class BenchmarkSummaryTest {
  @Test
  void statIsMeanAndSampleStandardDeviation() {
    assertEquals(new Stat(5, Math.sqrt(32.0 / 7), 8), Stat.of(2, 4, 4, 4, 5, 5, 7, 9));
    assertEquals(new Stat(3, 0, 1), Stat.of(3));
    Stat none = Stat.of();
    assertEquals(0, none.count());
    assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.std()));
  }

  static SimulationRun.Incumbent at(double time, long trial, double objective, double report) {
    return new SimulationRun.Incumbent(time, TrialId.of(trial), "c" + trial, objective, List.of(report));
  }

  @Test
  void summarizesFinalIncumbentsAndAnytimeCurves() {
    SimulationRun a = new SimulationRun(1, 5, 6, SimulationRun.End.BUDGET, 95,
        List.of(at(10, 1, 50, 0.5), at(60, 3, 70, 0.9)));
    SimulationRun b = new SimulationRun(2, 3, 4, SimulationRun.End.BUDGET, 90, List.of(at(30, 2, 60, 0.7)));
    SimulationRun c = new SimulationRun(3, 1, 2, SimulationRun.End.BUDGET, 0, List.of());
    BenchmarkSummary s = BenchmarkSummary.of(List.of(a, b, c), TableColumns.of("obj", "cost", "rep"), 100, 4);
    assertEquals(3, s.runs());
    assertEquals(Stat.of(5, 3, 1), s.evaluations());
    assertEquals(List.of(25.0, 50.0, 75.0, 100.0), s.times());
    BenchmarkSummary.ColumnSummary objective = s.columns().get(0);
    assertEquals("obj", objective.column());
    assertTrue(objective.objective());
    assertEquals(Stat.of(70, 60), objective.atEnd());
    assertEquals(List.of(Stat.of(50), Stat.of(50, 60), Stat.of(70, 60), Stat.of(70, 60)), objective.curve());
    BenchmarkSummary.ColumnSummary report = s.columns().get(1);
    assertEquals("rep", report.column());
    assertEquals(Stat.of(0.9, 0.7), report.atEnd());
    assertEquals(Stat.of(0.5, 0.7), report.curve().get(1));
  }
}
