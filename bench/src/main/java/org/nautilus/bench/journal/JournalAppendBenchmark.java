package org.nautilus.bench.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.TrialId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal cost of one trial as the supervisor writes it: proposed, started, two epoch reports,
 * completed (five appends), in trials per second. DESIGN.md's peer figure for the same unit of work:
 * Optuna's JournalFileStorage, 482 trials/s on this machine kind.
 *
 * <p>{@code durability}: {@code os} appends with no fsync; {@code group} appends the first four events
 * without waiting and the completion with a blocking append, so each trial is on disk (one fsync)
 * before the next starts, as a supervisor that waits for each completion would have it.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java $(cat cli/target/jvm.options)
 * -jar bench/target/benchmarks.jar JournalAppendBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Forks inherit the host JVM's flags, so the run command passes Chronicle's once (jvm.options).
@Fork(1)
public class JournalAppendBenchmark {
  private static final Map<String, Double> EPOCH = Map.of("loss", 0.61, "val_accuracy", 0.78,
      "images_per_second", 301.5, "epoch_seconds", 14.9);
  private static final Map<String, Double> RESULT = Map.of("val_accuracy", 0.79, "test_accuracy", 0.78,
      "params", 43_010.0, "loss", 0.6, "images_per_second", 301.5, "train_seconds", 29.8);
  private static final String CELL =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  @Param({"os", "group"})
  public String durability;

  private Path dir;
  private ChronicleJournal journal;
  private long trial;

  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("nautilus-bench-journal");
    journal = ChronicleJournal.create(dir, Clock.systemUTC(), JournalConfig.defaults().with(Durability.parse(durability)));
    trial = 0;
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    journal.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Benchmark
  public long oneTrial() {
    TrialId id = TrialId.of(++trial);
    journal.appendAsync(new Event.TrialProposed(id, "random", CELL, 2));
    journal.appendAsync(new Event.TrialStarted(id, "cpu0", Event.TrialStarted.LOCAL_NODE, "cpu:0", 1));
    journal.appendAsync(new Event.EpochReported(id, 1, EPOCH));
    journal.appendAsync(new Event.EpochReported(id, 2, EPOCH));
    return journal.append(new Event.TrialCompleted(id, RESULT, 29.8)).seq();
  }
}
