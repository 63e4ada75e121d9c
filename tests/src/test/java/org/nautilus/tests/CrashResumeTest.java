package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.bench.SyntheticNb201Table;

/**
 * Kill -9 and resume: a search on a tabular trainer with a virtual clock (so an uninterrupted run is
 * a function of its seed) runs in a child JVM that is killed with SIGKILL at random points of its
 * journal, then resumed, again and again; the resumed journal must hold exactly the proposals and
 * outcomes of an uninterrupted run, no completed trial missing and none trained again.
 */
class CrashResumeTest {
  @TempDir
  static Path work;

  @BeforeAll
  static void table() throws Exception {
    SyntheticNb201Table.write(work.resolve("table.csv"), 11);
  }

  private static Path spec(String strategy, String settings, int workers, int trials) throws Exception {
    Path spec = work.resolve(strategy + "-" + workers + ".yaml");
    Files.writeString(spec, String.join("\n",
        "space:",
        "  cell: nb201",
        "strategy:",
        "  name: " + strategy,
        "  settings: " + settings,
        "objective:",
        "  metric: valid_acc",
        "  direction: maximize",
        "budget:",
        "  trials: " + trials,
        "trainer:",
        "  kind: tabular",
        "  settings:",
        "    table: table.csv",
        "    cost: train_time",
        "    report: [test_acc]",
        "    workers: " + workers,
        "seed: 2026",
        ""), StandardCharsets.UTF_8);
    return spec;
  }

  @Test
  void evolutionWithFourWorkersSurvivesElevenKills() throws Exception {
    killAndResume(spec("evolution", "{population: 20, tournament: 5}", 4, 700), 11, 101);
  }

  @Test
  void reinforceWithOneWorkerSurvivesNineKills() throws Exception {
    killAndResume(spec("reinforce", "{learning_rate: 0.5}", 1, 450), 9, 202);
  }

  /**
   * A portfolio with a GP member runs each member on its own thread; under the virtual clock its
   * answers are journaled in an order free of timing, and every member's calls replay exactly.
   */
  @Test
  void aPortfolioOfEvolutionAndGpSurvivesSixKills() throws Exception {
    killAndResume(spec("portfolio", "{members: [evolution, gp], policy: weights}", 4, 250), 6, 303);
  }

  private static void killAndResume(Path spec, int kills, long seed) throws Exception {
    String name = spec.getFileName().toString().replace(".yaml", "");
    Path reference = work.resolve(name + "-reference");
    CliProcess.Result uninterrupted = CliProcess.run(work, 120, "search", spec.toString(), "--journal",
        reference.toString());
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.stderr());
    List<Envelope> expected = ChronicleJournal.read(reference);
    long totalEvents = expected.size();
    assertTrue(totalEvents > 1_000, "the reference search is long enough to kill in: " + totalEvents);

    Path crashed = work.resolve(name + "-crashed");
    SplittableRandom random = new SplittableRandom(seed);
    long slice = totalEvents / (kills + 1);
    for (int kill = 0; kill < kills; kill++) {
      // Kill points spread over the whole run, each at a random number of events after what the
      // journal holds now (the last kill may have landed some events after its threshold).
      long threshold = (ChronicleJournal.exists(crashed) ? count(crashed) : 0) + random.nextLong(10, slice);
      String[] args = kill == 0 ? new String[] {"search", spec.toString(), "--journal", crashed.toString()}
          : new String[] {"resume", crashed.toString()};
      Path out = work.resolve(name + "-" + kill + ".out");
      Path err = work.resolve(name + "-" + kill + ".err");
      Process process = CliProcess.start(work, out, err, args);
      boolean killed = waitForEventsThenKill(process, crashed, threshold);
      assertTrue(killed, "kill " + kill + ": the search ended before its journal reached " + threshold
          + " events: " + Files.readString(err));
    }
    CliProcess.Result last = CliProcess.run(work, 120, "resume", crashed.toString());
    assertEquals(0, last.exitCode(), last.stderr());

    List<Envelope> actual = ChronicleJournal.read(crashed);
    assertEquals(kills, actual.stream().filter(e -> e.event() instanceof Event.SearchResumed).count()
        - actual.stream().filter(e -> e.event() instanceof Event.SearchPaused).count(), "one resume per kill");
    assertEquals(proposals(expected), proposals(actual));
    assertEquals(completions(expected), completions(actual));
    assertEquals(finished(expected), finished(actual));
    assertEquals(incumbent(expected), incumbent(actual));
    assertNoTrialTrainedAfterItCompleted(actual);
  }

  /** Polls the journal another process writes; SIGKILLs the process once it holds {@code events}. */
  private static boolean waitForEventsThenKill(Process process, Path journal, long events) throws Exception {
    while (process.isAlive()) {
      if (ChronicleJournal.exists(journal) && count(journal) >= events) {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        process.waitFor(30, TimeUnit.SECONDS);
        return true;
      }
      Thread.sleep(2);
    }
    return false;
  }

  private static long count(Path journal) {
    try {
      return ChronicleJournal.read(journal).size();
    } catch (RuntimeException e) {
      return 0; // being created right now
    }
  }

  private static List<String> proposals(List<Envelope> journal) {
    return journal.stream().map(Envelope::event).filter(Event.TrialProposed.class::isInstance)
        .map(e -> (Event.TrialProposed) e).map(p -> p.trial().value() + " " + p.candidate()).toList();
  }

  private static List<String> completions(List<Envelope> journal) {
    return journal.stream().map(Envelope::event).filter(Event.TrialCompleted.class::isInstance)
        .map(e -> (Event.TrialCompleted) e)
        .map(c -> c.trial().value() + " " + c.metrics().get("valid_acc") + " " + c.costSeconds()).toList();
  }

  private static List<String> finished(List<Envelope> journal) {
    return journal.stream().map(Envelope::event).filter(Event.SearchFinished.class::isInstance)
        .map(e -> ((Event.SearchFinished) e).reason()).toList();
  }

  private static String incumbent(List<Envelope> journal) {
    return journal.stream().map(Envelope::event).filter(Event.TrialCompleted.class::isInstance)
        .map(e -> (Event.TrialCompleted) e)
        .max((a, b) -> Double.compare(a.metrics().get("valid_acc"), b.metrics().get("valid_acc")))
        .map(c -> c.trial().value() + " " + c.metrics().get("valid_acc")).orElse("none");
  }

  private static void assertNoTrialTrainedAfterItCompleted(List<Envelope> journal) {
    Set<Long> completed = new HashSet<>();
    List<String> retrained = new ArrayList<>();
    for (Envelope e : journal) {
      if (e.event() instanceof Event.TrialCompleted c) {
        assertTrue(completed.add(c.trial().value()), "trial " + c.trial().value() + " completed twice");
      } else if (e.event() instanceof Event.TrialStarted s && completed.contains(s.trial().value())) {
        retrained.add(Long.toString(s.trial().value()));
      }
    }
    assertFalse(completed.isEmpty());
    assertEquals(List.of(), retrained, "trials started again after they completed");
  }
}
