package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.bench.SyntheticNb201Table;

/** {@code nautilus search}, {@code resume} and {@code replay} as child processes, on the shipped portfolio example. */
class SearchCliTest {
  @TempDir
  static Path work;
  static Path spec;

  @BeforeAll
  static void exampleAndTable() throws Exception {
    SyntheticNb201Table.write(work.resolve("nb201-synthetic.csv"), 0);
    spec = work.resolve("portfolio.yaml");
    Files.copy(Path.of("..", "examples", "portfolio.yaml"), spec);
  }

  @Test
  void theShippedPortfolioExampleRunsToItsBudgetAndReplaysTheSameSummary() throws Exception {
    Path journal = work.resolve("run");
    CliProcess.Result run = CliProcess.run(work, 120, "search", spec.toString(), "--journal", journal.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("search finished: cost budget of 12000 s reached"), run.stdout());
    List<Envelope> events = ChronicleJournal.read(journal);
    List<String> members = events.stream().filter(e -> e.event() instanceof Event.TrialProposed)
        .map(e -> ((Event.TrialProposed) e.event()).searcher()).distinct().sorted().toList();
    assertEquals(List.of("evolution", "reinforce"), members, "both members proposed");
    // The summary's line per member: its trials, in the order of their first trial, and its best.
    java.util.Map<String, Long> counts = events.stream().filter(e -> e.event() instanceof Event.TrialProposed)
        .collect(java.util.stream.Collectors.groupingBy(e -> ((Event.TrialProposed) e.event()).searcher(),
            java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
    String byMember = run.stdout().lines().filter(l -> l.startsWith("by searcher: ")).findFirst().orElseThrow();
    List<String> parts = List.of(byMember.substring("by searcher: ".length()).split(", "));
    assertEquals(counts.keySet().stream().toList(), parts.stream().map(p -> p.substring(0, p.indexOf(' '))).toList());
    counts.forEach((member, n) -> assertTrue(byMember.contains(member + " " + n + " trials (best "), byMember));

    CliProcess.Result replay = CliProcess.run(work, 60, "replay", journal.toString());
    assertEquals(0, replay.exitCode(), replay.stderr());
    String summary = run.stdout().substring(run.stdout().indexOf("        rank"), run.stdout().indexOf("journal: "));
    assertEquals(summary, replay.stdout());

    CliProcess.Result again = CliProcess.run(work, 60, "resume", journal.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.stderr().strip().endsWith("already finished (cost budget of 12000 s reached); there is nothing "
        + "to resume"), again.stderr());
  }

  @Test
  void aDirectoryHoldingAnotherSearchIsRefused() throws Exception {
    Path journal = work.resolve("other");
    assertEquals(0, CliProcess.run(work, 120, "search", spec.toString(), "--journal", journal.toString()).exitCode());
    Path changed = work.resolve("changed.yaml");
    Files.writeString(changed, Files.readString(spec).replace("seed: 3", "seed: 4"));
    CliProcess.Result refused = CliProcess.run(work, 60, "search", changed.toString(), "--journal", journal.toString());
    assertEquals(2, refused.exitCode());
    assertEquals("nautilus: --journal " + journal + " already holds a different search (from portfolio.yaml); choose "
        + "another directory, or continue that one with 'nautilus resume " + journal + "'", refused.stderr().strip());
  }

  @Test
  void sigtermPausesTheSearchAndResumeFinishesIt() throws Exception {
    // Random search with repeats never runs out of candidates: the 8 s wall-time budget ends it,
    // summed over the run that is interrupted and the one that resumes.
    Path big = work.resolve("long.yaml");
    Files.writeString(big, Files.readString(spec).replace("cost: 12000", "wall_time: 8s")
        .replaceAll("(?s)  name: portfolio.*?objective:", "  name: random\n  settings: {deduplicate: false}\nobjective:"));
    Path journal = work.resolve("paused");
    Process process = CliProcess.start(work, work.resolve("long.out"), work.resolve("long.err"), "search",
        big.toString(), "--journal", journal.toString());
    while (!ChronicleJournal.exists(journal) || ChronicleJournal.read(journal).size() < 500) {
      assertTrue(process.isAlive(), Files.readString(work.resolve("long.err")));
      Thread.sleep(20);
    }
    process.destroy(); // SIGTERM: the shutdown hook pauses the search
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    List<Envelope> paused = ChronicleJournal.read(journal);
    assertEquals(new Event.SearchPaused("interrupted by a signal"), paused.get(paused.size() - 1).event());

    CliProcess.Result status = CliProcess.run(work, 60, "status", journal.toString());
    assertEquals(0, status.exitCode(), status.stderr());
    assertTrue(status.stdout().startsWith("paused (interrupted by a signal): "), status.stdout());

    // Resumed, and watched live by another process until it finishes. The watcher starts once the
    // resumed process holds the journal: following a paused search that nobody writes ends at once.
    Process resuming = CliProcess.start(work, work.resolve("resume.out"), work.resolve("resume.err"), "resume",
        journal.toString());
    while (ChronicleJournal.liveWriter(journal).isEmpty()) {
      assertTrue(resuming.isAlive(), Files.readString(work.resolve("resume.err")));
      Thread.sleep(10);
    }
    Process watcher = CliProcess.start(work, work.resolve("follow.out"), work.resolve("follow.err"), "status",
        journal.toString(), "--follow");
    assertTrue(resuming.waitFor(180, TimeUnit.SECONDS), "the resumed search ends");
    assertTrue(watcher.waitFor(60, TimeUnit.SECONDS), "status --follow ends with the search");
    List<String> followed = Files.readAllLines(work.resolve("follow.out"));
    // The live resume (a line a second at most), then the end.
    assertTrue(followed.stream().anyMatch(l -> l.startsWith("running (pid ")), followed.toString());
    assertTrue(followed.get(followed.size() - 1).startsWith("finished (wall-time budget of PT8S reached): "),
        followed.get(followed.size() - 1));
    assertEquals(0, resuming.exitValue(), Files.readString(work.resolve("resume.err")));
    String resumedOut = Files.readString(work.resolve("resume.out"));
    assertTrue(resumedOut.contains("search finished: wall-time budget of PT8S reached"), resumedOut);
    List<Envelope> all = ChronicleJournal.read(journal);
    java.time.Duration elapsed = java.time.Duration.between(all.get(0).at(), paused.get(paused.size() - 1).at())
        .plus(java.time.Duration.between(all.get(paused.size()).at(), all.get(all.size() - 1).at()));
    assertTrue(elapsed.toMillis() >= 8_000 && elapsed.toMillis() < 9_000, "both runs together: " + elapsed);
  }

  @Test
  void statusTellsAKilledSearchFromARunningOne() throws Exception {
    Path journal = work.resolve("killed");
    Path big = work.resolve("killed.yaml");
    Files.writeString(big, Files.readString(spec).replace("cost: 12000", "wall_time: 60s")
        .replaceAll("(?s)  name: portfolio.*?objective:", "  name: random\n  settings: {deduplicate: false}\nobjective:"));
    Process process = CliProcess.start(work, work.resolve("killed.out"), work.resolve("killed.err"), "search",
        big.toString(), "--journal", journal.toString());
    while (!ChronicleJournal.exists(journal) || ChronicleJournal.read(journal).size() < 50) {
      Thread.sleep(10);
    }
    CliProcess.Result running = CliProcess.run(work, 60, "status", journal.toString());
    process.destroyForcibly(); // SIGKILL
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    CliProcess.Result killed = CliProcess.run(work, 60, "status", journal.toString());
    assertTrue(running.stdout().startsWith("running (pid " + process.pid() + " on "), running.stdout());
    assertTrue(killed.stdout().startsWith("stopped without finishing (killed or crashed; 'nautilus resume " + journal
        + "' continues it): "), killed.stdout());
  }
}
