package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * A search whose external training command crashes, diverges, hangs and prints garbage on some
 * trials: the search goes on to its budget and the journal records each fault.
 */
class ProcessFaultsCliTest {
  @Test
  void eachFaultIsJournaledAndTheSearchCompletes(@TempDir Path work) throws Exception {
    Files.copy(Path.of("src", "test", "resources", "faulty-trainer.sh"), work.resolve("faulty-trainer.sh"));
    Path spec = work.resolve("faulty.yaml");
    Files.writeString(spec, String.join("\n",
        "space:",
        "  cell: nb201",
        "strategy:",
        "  name: random",
        "objective:",
        "  metric: val_accuracy",
        "  direction: maximize",
        "budget:",
        "  trials: 7",
        "trainer:",
        "  kind: process",
        "  settings:",
        "    command: [/bin/sh, ./faulty-trainer.sh]",
        "    workers: 2",
        "    epochs: 2",
        "    time_limit: 3s",
        "    max_retries: 1",
        "seed: 1",
        ""));
    Path journal = work.resolve("journal");
    CliProcess.Result run = CliProcess.run(work, 120, "search", spec.toString(), "--journal", journal.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("7 trials: 3 completed, 4 failed, 0 unfinished"), run.stdout());

    List<Event.TrialFailed> failures = ChronicleJournal.read(journal).stream().map(Envelope::event)
        .filter(Event.TrialFailed.class::isInstance).map(e -> (Event.TrialFailed) e).toList();
    // Trial 1 crashed twice: retryable, retried once, then given up.
    List<Event.TrialFailed> crashes = failures.stream().filter(f -> f.trial().value() == 1).toList();
    assertEquals(2, crashes.size(), failures.toString());
    assertTrue(crashes.get(0).retryable() && crashes.get(0).attempt() == 1, crashes.toString());
    assertTrue(crashes.get(1).cause().contains("RuntimeError: CUDA error: an illegal memory access was encountered"),
        crashes.get(1).cause());
    assertEquals(2, crashes.get(1).attempt());
    assertOneFailure(failures, 2, "NaN", false);
    assertOneFailure(failures, 3, "time limit", false);
    assertOneFailure(failures, 4, "Epoch 1/2 - loss: 0.52 - acc: 0.81", false);
    assertTrue(Files.readString(journal.resolve("trials").resolve("trial-1.stderr.log")).contains("RuntimeError"));
  }

  private static void assertOneFailure(List<Event.TrialFailed> failures, long trial, String causePart,
      boolean retryable) {
    List<Event.TrialFailed> mine = failures.stream().filter(f -> f.trial().value() == trial).toList();
    assertEquals(1, mine.size(), mine.toString());
    assertTrue(mine.get(0).cause().contains(causePart), mine.get(0).cause());
    assertEquals(retryable, mine.get(0).retryable(), mine.get(0).toString());
  }
}
