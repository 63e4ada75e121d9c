package org.nautilus.bench.nas;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The searcher's share of a trial on the NAS-Bench-201 space: one ask and one tell, and the
 * canonical-string round trip that every journaled proposal costs.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java -jar bench/target/benchmarks.jar
 * RandomSearcherBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RandomSearcherBenchmark {
  private RandomSearcher searcher;
  private long trial;
  private final Nb201Cell cell = Nb201Cell.ofIndex(12_345);

  /** A fresh searcher per iteration, proposing with repeats so the space never runs out. */
  @Setup(Level.Iteration)
  public void setUp() {
    searcher = RandomSearcher.withRepeats(new Nb201Space(), 42);
    trial = 0;
  }

  @Benchmark
  public Proposal askAndTell() {
    TrialId id = TrialId.of(++trial);
    Proposal proposal = searcher.ask(id).orElseThrow();
    searcher.tell(new Outcome.Completed(id, 0.5, Map.of()));
    return proposal;
  }

  @Benchmark
  public Nb201Cell canonicalRoundTrip() {
    return Nb201Cell.parse(cell.canonical());
  }
}
