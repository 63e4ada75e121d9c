package org.nautilus.bench.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput in events per second, pipelined as an actor would: {@link ChronicleJournal#appendAsync}
 * without waiting, and each invocation of {@value #BATCH} events ends when the last one is acknowledged.
 * In {@code group} mode that is durable (fsync'ed) throughput; in {@code os} mode, page-cache throughput.
 * Targets (issue 5): os >= 1,000,000 events/s, group >= 200,000 events/s.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java $(cat cli/target/jvm.options)
 * -jar bench/target/benchmarks.jar JournalThroughputBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalThroughputBenchmark {
  static final int BATCH = 10_000;

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
  public void close() {
    journal.close();
    TrialEvents.deleteTree(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long appendAndAwaitAcks() {
    CompletableFuture<Envelope> last = null;
    for (int i = 0; i < BATCH / 5; i++) {
      List<Event> events = TrialEvents.of(++trial);
      for (Event event : events) {
        last = journal.appendAsync(event);
      }
    }
    // acknowledgements complete in seq order, so the last one covers the batch
    return last.join().seq();
  }
}
