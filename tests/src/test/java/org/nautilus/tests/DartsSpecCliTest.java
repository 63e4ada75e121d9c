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
import org.nautilus.nas.space.DartsCell;

/** {@code nautilus search} on a spec with a DARTS space and the {@code samediff} trainer, on tiny data for one epoch. */
class DartsSpecCliTest {
  @TempDir
  Path work;

  @Test
  void aDartsSpaceTrainsInTheJvmEndToEnd() throws Exception {
    Path data = TinyData.writeIdxDirectory(work.resolve("fashion"), 120, 30);
    Path spec = work.resolve("darts.yaml");
    Files.writeString(spec, String.join("\n",
        "space:",
        "  cell: {kind: darts, nodes: 2, ops: [none, skip_connect, sep_conv_3x3, dil_conv_3x3, max_pool_3x3,"
            + " avg_pool_3x3]}",
        "  hyperparameters:",
        "    dropout: {type: float, low: 0.0, high: 0.3}",
        "strategy:",
        "  name: random",
        "objective:",
        "  metric: val_accuracy",
        "  direction: maximize",
        "budget:",
        "  trials: 1",
        "trainer:",
        "  kind: samediff",
        "  settings: {workers: 1, epochs: 1, channels: 2, cells: 1, batch_size: 30}",
        "data:",
        "  dataset: fashion-mnist",
        "  path: fashion",
        "seed: 5",
        ""));
    Path journal = work.resolve("run");
    CliProcess.Result run = CliProcess.run(work, 180, "search", spec.toString(), "--journal", journal.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("search finished: trial budget of 1 reached"), run.stdout());

    List<Envelope> events = ChronicleJournal.read(journal);
    List<String> candidates = events.stream().filter(e -> e.event() instanceof Event.TrialProposed)
        .map(e -> ((Event.TrialProposed) e.event()).candidate()).toList();
    assertEquals(1, candidates.size());
    for (String candidate : candidates) {
      assertTrue(candidate.startsWith("normal=["), candidate);
      DartsCell.parse(candidate.substring(0, candidate.indexOf(';'))); // a DARTS genotype, with hyperparameters after ';'
    }
    List<Event.TrialCompleted> completed = events.stream().filter(e -> e.event() instanceof Event.TrialCompleted)
        .map(e -> (Event.TrialCompleted) e.event()).toList();
    assertEquals(1, completed.size(), "the trial trained: " + run.stdout());
    for (Event.TrialCompleted c : completed) {
      double accuracy = c.metrics().get("val_accuracy");
      assertTrue(accuracy >= 0 && accuracy <= 1, "val_accuracy " + accuracy);
      assertTrue(c.metrics().get("params") > 0, "params " + c.metrics());
    }
  }
}
