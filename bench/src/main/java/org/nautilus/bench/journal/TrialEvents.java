package org.nautilus.bench.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.TrialId;

/** The five events of one trial as the supervisor journals them, with realistic sizes; shared by the benchmarks. */
final class TrialEvents {
  static final Map<String, Double> EPOCH = Map.of("loss", 0.61, "val_accuracy", 0.78,
      "images_per_second", 301.5, "epoch_seconds", 14.9);
  static final Map<String, Double> RESULT = Map.of("val_accuracy", 0.79, "test_accuracy", 0.78,
      "params", 43_010.0, "loss", 0.6, "images_per_second", 301.5, "train_seconds", 29.8);
  static final String CELL =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  private TrialEvents() {}

  /** Trial {@code trial}'s five events: proposed, started, two epochs, completed. */
  static List<Event> of(long trial) {
    TrialId id = TrialId.of(trial);
    return List.of(
        new Event.TrialProposed(id, "random", CELL, 2),
        new Event.TrialStarted(id, "cpu0", Event.TrialStarted.LOCAL_NODE, "cpu:0", 1),
        new Event.EpochReported(id, 1, EPOCH),
        new Event.EpochReported(id, 2, EPOCH),
        new Event.TrialCompleted(id, RESULT, 29.8));
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
