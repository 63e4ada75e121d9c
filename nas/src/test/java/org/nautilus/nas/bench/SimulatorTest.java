package org.nautilus.nas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.Strategies;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;

class SimulatorTest {
  /** Cells 0..7 with objective, cost and a report column (objective * 10). */
  static final double[] OBJECTIVE = {50, 70, 60, 80, 65, 90, 40, 99};
  static final double[] COST = {10, 4, 3, 5, 6, 1, 5, 2};
  static TabularBenchmark small;
  static TabularBenchmark synthetic;

  @BeforeAll
  static void tables() throws IOException {
    StringBuilder csv = new StringBuilder("candidate,obj,cost,rep\n");
    for (int i = 0; i < OBJECTIVE.length; i++) {
      csv.append(Nb201Cell.ofIndex(i).canonical()).append(',').append(OBJECTIVE[i]).append(',').append(COST[i])
          .append(',').append(OBJECTIVE[i] * 10).append('\n');
    }
    small = TabularBenchmark.read(new StringReader(csv.toString()), "small.csv", new Nb201Space(),
        TableColumns.of("obj", "cost", "rep"));
    synthetic = SyntheticNb201Table.benchmark(7);
  }

  static ScriptedSearcher script(int... cells) {
    return new ScriptedSearcher(IntStream.of(cells).mapToObj(Nb201Cell::ofIndex).toList());
  }

  /** Records "t=time tell #id" and "t=time ask #id cell". */
  static final class Trace implements Simulator.Observer {
    final List<String> events = new ArrayList<>();

    @Override
    public void proposed(double time, Proposal proposal) {
      events.add("t=" + time + " ask " + proposal.trial() + " cell " + ((Nb201Cell) proposal.candidate()).index());
    }

    @Override
    public void completed(double time, Outcome.Completed outcome) {
      events.add("t=" + time + " tell " + outcome.trial() + " " + outcome.objective());
    }
  }

  @Test
  void twoWorkersProcessCompletionsInVirtualTimeOrder() {
    ScriptedSearcher searcher = script(0, 1, 2, 3, 4, 5, 6);
    Trace trace = new Trace();
    SimulationRun run = Simulator.run(small, searcher, 1, new SimulationConfig(2, 16, Direction.MAXIMIZE), trace);
    assertEquals(List.of(
        "t=0.0 ask #1 cell 0", // ends 10
        "t=0.0 ask #2 cell 1", // ends 4
        "t=4.0 tell #2 70.0",
        "t=4.0 ask #3 cell 2", // ends 7
        "t=7.0 tell #3 60.0",
        "t=7.0 ask #4 cell 3", // ends 12
        "t=10.0 tell #1 50.0",
        "t=10.0 ask #5 cell 4", // ends 16: exactly the budget, counts
        "t=12.0 tell #4 80.0",
        "t=12.0 ask #6 cell 5", // ends 13
        "t=13.0 tell #6 90.0",
        "t=13.0 ask #7 cell 6", // ends 18: past the budget, never told
        "t=16.0 tell #5 65.0"), trace.events);
    assertEquals(List.of(TrialId.of(2), TrialId.of(3), TrialId.of(1), TrialId.of(4), TrialId.of(6), TrialId.of(5)),
        searcher.told.stream().map(Outcome::trial).toList());
    assertEquals(SimulationRun.End.BUDGET, run.end());
    assertEquals(6, run.evaluations());
    assertEquals(7, run.proposals());
    assertEquals(16.0, run.endTime());
    assertEquals(List.of("4.0 #2 70.0 [700.0]", "12.0 #4 80.0 [800.0]", "13.0 #6 90.0 [900.0]"),
        run.trajectory().stream().map(p -> p.time() + " " + p.trial() + " " + p.objective() + " " + p.report()).toList());
    assertEquals(Nb201Cell.ofIndex(5).canonical(), run.finalIncumbent().orElseThrow().candidate());
    assertEquals(TrialId.of(4), run.incumbentAt(12.9).orElseThrow().trial());
    assertEquals(Optional.empty(), run.incumbentAt(3.99));
  }

  @Test
  void simultaneousCompletionsAreToldInTrialIdOrder() {
    // #1 ends at 5, #2 at 3, #3 at 2; #4 asked at 2 ends at 5 too, so #1 and #4 tie at 5.
    double[] costs = {5, 3, 2, 3};
    StringBuilder csv = new StringBuilder("candidate,obj,cost\n");
    for (int i = 0; i < costs.length; i++) {
      csv.append(Nb201Cell.ofIndex(i).canonical()).append(",1,").append(costs[i]).append('\n');
    }
    TabularBenchmark table = read(csv.toString());
    Trace trace = new Trace();
    Simulator.run(table, script(0, 1, 2, 3), 1, new SimulationConfig(3, 100, Direction.MAXIMIZE), trace);
    assertEquals(List.of("t=2.0 tell #3", "t=3.0 tell #2", "t=5.0 tell #1", "t=5.0 tell #4"),
        trace.events.stream().filter(e -> e.contains("tell")).map(e -> e.substring(0, e.lastIndexOf(' '))).toList());
  }

  @Test
  void evaluationEndingExactlyAtTheBudgetCountsOneEndingLaterDoesNot() {
    // One worker, cells 1 and 3 cost 4 and 5: they end at 4 and 9.
    assertEquals(2, Simulator.run(small, script(1, 3, 2), 1, new SimulationConfig(1, 9, Direction.MAXIMIZE))
        .evaluations());
    SimulationRun shorter = Simulator.run(small, script(1, 3, 2), 1,
        new SimulationConfig(1, Math.nextDown(9.0), Direction.MAXIMIZE));
    assertEquals(1, shorter.evaluations());
    assertEquals(2, shorter.proposals());
    assertEquals(SimulationRun.End.BUDGET, shorter.end());
    assertEquals(4.0, shorter.endTime());
    SimulationRun none = Simulator.run(small, script(0), 1, new SimulationConfig(1, 9.5, Direction.MAXIMIZE));
    assertEquals(0, none.evaluations());
    assertTrue(none.finalIncumbent().isEmpty());
  }

  @Test
  void exhaustedOrStalledSearcherEndsTheRun() {
    SimulationRun exhausted = Simulator.run(small, script(7, 6), 1, new SimulationConfig(4, 1000, Direction.MAXIMIZE));
    assertEquals(SimulationRun.End.EXHAUSTED, exhausted.end());
    assertEquals(2, exhausted.evaluations());
    assertEquals(5.0, exhausted.endTime());

    Searcher silent = new ScriptedSearcher(List.of()) {
      @Override
      public boolean isExhausted() {
        return false;
      }
    };
    SimulationRun stalled = Simulator.run(small, silent, 1, new SimulationConfig(2, 1000, Direction.MAXIMIZE));
    assertEquals(SimulationRun.End.STALLED, stalled.end());
    assertEquals(0, stalled.proposals());
  }

  @Test
  void emptyAnswerWaitsForTheNextCompletionAndAsksTheSameTrialIdAgain() {
    // Answers empty while anything is pending: a strictly sequential searcher on 3 workers.
    ScriptedSearcher inner = script(1, 2, 3);
    Searcher sequential = new Searcher() {
      int pending;

      @Override
      public Optional<Proposal> ask(TrialId trial) {
        if (pending > 0) {
          inner.asks.add("refused " + trial);
          return Optional.empty();
        }
        Optional<Proposal> p = inner.ask(trial);
        pending += p.isPresent() ? 1 : 0;
        return p;
      }

      @Override
      public void tell(Outcome outcome) {
        pending--;
        inner.tell(outcome);
      }

      @Override
      public boolean isExhausted() {
        return inner.isExhausted();
      }

      @Override
      public byte[] snapshot() {
        return new byte[0];
      }

      @Override
      public void restore(byte[] snapshot) {}
    };
    SimulationRun run = Simulator.run(small, sequential, 1, new SimulationConfig(3, 100, Direction.MAXIMIZE));
    assertEquals(List.of("#1", "refused #2", "#2", "refused #3", "#3"), inner.asks);
    assertEquals(3, run.evaluations());
    assertEquals(4.0 + 3 + 5, run.endTime());
  }

  @Test
  void minimizingKeepsTheLowestObjective() {
    SimulationRun run = Simulator.run(small, script(3, 0, 6, 7), 1, new SimulationConfig(1, 100, Direction.MINIMIZE));
    assertEquals(List.of(80.0, 50.0, 40.0), run.trajectory().stream().map(SimulationRun.Incumbent::objective).toList());
  }

  @Test
  void candidateMissingFromTheTableIsNamed() {
    TableException e = assertThrows(TableException.class,
        () -> Simulator.run(small, script(1, 100), 1, new SimulationConfig(2, 100, Direction.MAXIMIZE)));
    assertEquals("small.csv: the searcher proposed candidate '" + Nb201Cell.ofIndex(100).canonical()
        + "' (trial #2), which the table lacks", e.getMessage());
  }

  @Test
  void configRejectsBadValues() {
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(0, 10, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 0, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, Double.NaN, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class,
        () -> new SimulationConfig(1, Double.POSITIVE_INFINITY, Direction.MAXIMIZE));
  }

  static List<String> strategies() {
    return Strategies.names();
  }

  @Test
  void repetitionsAreDeterministicAndIndependentOfThreadCount() {
    for (String strategy : strategies()) {
      // A GP proposal costs milliseconds, not microseconds: fewer and shorter runs keep this test
      // fast while still checking that the thread count does not change a GP search either.
      boolean gp = strategy.equals("gp");
      SimulationConfig config = new SimulationConfig(4, gp ? 1000 : 3000, Direction.MAXIMIZE);
      int runs = gp ? 4 : 24;
      SearcherFactory factory = seed -> Strategies.create(strategy, new Nb201Space(), seed, Direction.MAXIMIZE);
      List<SimulationRun> sequential = Simulator.repeat(synthetic, factory, config, runs, 11, 1);
      assertEquals(sequential, Simulator.repeat(synthetic, factory, config, runs, 11, 1), strategy);
      assertEquals(sequential, Simulator.repeat(synthetic, factory, config, runs, 11, 2), strategy);
      assertEquals(sequential, Simulator.repeat(synthetic, factory, config, runs, 11, 5), strategy);
      assertNotEquals(sequential, Simulator.repeat(synthetic, factory, config, runs, 12, 2), strategy);
      assertEquals(runs, sequential.stream().mapToLong(SimulationRun::seed).distinct().count(), strategy);
      assertEquals(Simulator.runSeed(11, 3), sequential.get(3).seed());
      assertTrue(sequential.stream().allMatch(r -> r.evaluations() > 20 && r.end() == SimulationRun.End.BUDGET),
          strategy);
    }
  }

  @Test
  void moreWorkersEvaluateMoreInTheSameBudget() {
    SearcherFactory random = seed -> Strategies.create("random", new Nb201Space(), seed, Direction.MAXIMIZE);
    double one = BenchmarkSummary.of(Simulator.repeat(synthetic, random,
        new SimulationConfig(1, 12_000, Direction.MAXIMIZE), 20, 3, 2), SyntheticNb201Table.columns(), 12_000, 10)
        .evaluations().mean();
    double four = BenchmarkSummary.of(Simulator.repeat(synthetic, random,
        new SimulationConfig(4, 12_000, Direction.MAXIMIZE), 20, 3, 2), SyntheticNb201Table.columns(), 12_000, 10)
        .evaluations().mean();
    assertTrue(one > 80 && one < 140, "one worker: " + one);
    assertTrue(four > 3.8 * one && four < 4.2 * one, "four workers: " + four + " vs " + one);
  }

  @Test
  void repeatPropagatesTheSearchersFailure() {
    SearcherFactory failing = seed -> script(1, 100);
    TableException e = assertThrows(TableException.class, () -> Simulator.repeat(small, failing,
        new SimulationConfig(2, 100, Direction.MAXIMIZE), 4, 1, 2));
    assertTrue(e.getMessage().endsWith("(trial #2), which the table lacks"), e.getMessage());
  }

  static TabularBenchmark read(String csv) {
    try {
      return TabularBenchmark.read(new StringReader(csv), "t.csv", new Nb201Space(), TableColumns.of("obj", "cost"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
