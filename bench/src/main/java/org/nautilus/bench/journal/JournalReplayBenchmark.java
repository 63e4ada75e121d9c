package org.nautilus.bench.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay throughput in events per second: {@link ChronicleJournal#read(Path, java.util.function.Consumer)}
 * of a closed journal of {@value #EVENTS} events (200,000 trials), every record checked for sequence and
 * decoded (checksum verified) into an event object. Target (issue 5): >= 5,000,000 events/s.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java $(cat cli/target/jvm.options)
 * -jar bench/target/benchmarks.jar JournalReplayBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalReplayBenchmark {
  static final int EVENTS = 1_000_000;

  private Path dir;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("nautilus-bench-replay");
    try (ChronicleJournal journal = ChronicleJournal.create(dir, Clock.systemUTC(),
        JournalConfig.defaults().with(Durability.os()))) {
      for (long trial = 1; trial <= EVENTS / 5; trial++) {
        List<Event> events = TrialEvents.of(trial);
        events.forEach(journal::appendAsync);
      }
    }
  }

  @TearDown(Level.Trial)
  public void delete() {
    TrialEvents.deleteTree(dir);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void replay(Blackhole blackhole) {
    ChronicleJournal.read(dir, blackhole::consume);
  }
}
