package org.nautilus.bench.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
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
 * Resume: the state of a search of {@code trials} trials (five events each) rebuilt by
 * {@link ChronicleJournal#resume(Path)} from the snapshot written after the last completed trial plus
 * {@value #AFTER} trials journaled after it. Time per resume; target (issue 5): under 1 s for 1,000,000
 * trials. DESIGN.md's peer: Optuna JournalFileStorage reloads 2,000 trials in 0.29 s.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java $(cat cli/target/jvm.options)
 * -jar bench/target/benchmarks.jar JournalResumeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class JournalResumeBenchmark {
  static final int AFTER = 1_000;

  @Param({"1000000"})
  public int trials;

  private Path dir;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("nautilus-bench-resume");
    try (ChronicleJournal journal = ChronicleJournal.create(dir, Clock.systemUTC(),
        JournalConfig.defaults().with(Durability.os()))) {
      SearchState live = new SearchState();
      for (long trial = 1; trial <= trials; trial++) {
        for (Event event : TrialEvents.of(trial)) {
          live.apply(journal.append(event));
        }
      }
      journal.snapshot(live);
      live = null; // let the writer's copy go before measuring
      for (long trial = trials + 1; trial <= trials + AFTER; trial++) {
        TrialEvents.of(trial).forEach(journal::append);
      }
    }
  }

  @TearDown(Level.Trial)
  public void delete() {
    TrialEvents.deleteTree(dir);
  }

  @Benchmark
  public ChronicleJournal.Resumed resume() {
    ChronicleJournal.Resumed resumed = ChronicleJournal.resume(dir);
    if (resumed.snapshotSeq() == 0 || resumed.state().trial(trials + AFTER).isEmpty()) {
      throw new IllegalStateException("resumed without the snapshot, or lost trials: " + resumed.snapshotSeq());
    }
    return resumed;
  }
}
