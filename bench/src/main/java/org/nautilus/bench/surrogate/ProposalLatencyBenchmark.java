package org.nautilus.bench.surrogate;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.space.Nb201Space;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One GP proposal on the 15,625-cell NAS-Bench-201 space with {@code results} results in the model and
 * {@code pending} trials running: {@code ask} after one more result arrived (the O(n^2) model update,
 * the fantasies, and the acquisition maximized over every unproposed cell), with the default settings.
 * The searcher is restored from a snapshot before each measured call, so every call sees the same state;
 * a hyperparameter refit (every 10% more results) is not in the figure: see GpFitBenchmark.
 *
 * <p>Objective: a fixed synthetic function of the cell (per-edge op scores and one interaction).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java -jar bench/target/benchmarks.jar
 * ProposalLatencyBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class ProposalLatencyBenchmark {
  @Param({"150"})
  public int results;

  @Param({"0", "8"})
  public int pending;

  private final Nb201Space space = new Nb201Space();
  private byte[] snapshot;
  private GpBayesSearcher searcher;
  private long next;
  private TrialId last;

  private double objective(Proposal p) {
    int[] d = space.decisions((org.nautilus.nas.space.Nb201Cell) p.candidate());
    double v = 0;
    double[] op = {0, 1.2, 2.2, 3.0, 0.7};
    for (int e = 0; e < d.length; e++) {
      v += op[d[e]] * (1 + 0.1 * e);
    }
    return v + (d[0] == d[5] ? 0.5 : 0);
  }

  @Setup(Level.Trial)
  public void build() {
    GpBayesSearcher s = GpBayesSearcher.of(space, Direction.MAXIMIZE, 1);
    long t = 1;
    for (int i = 0; i < results; i++) {
      Proposal p = s.ask(TrialId.of(t++)).orElseThrow();
      s.tell(new Outcome.Completed(p.trial(), objective(p), Map.of()));
    }
    for (int i = 0; i <= pending; i++) {
      s.ask(TrialId.of(t++)).orElseThrow();
    }
    snapshot = s.snapshot();
    next = t;
    last = TrialId.of(t - 1);
    searcher = GpBayesSearcher.of(space, Direction.MAXIMIZE, 1);
    searcher.restore(snapshot);
    searcher.ask(TrialId.of(next)); // builds the model once, as a running searcher has it
  }

  @Setup(Level.Invocation)
  public void reset() {
    searcher = GpBayesSearcher.of(space, Direction.MAXIMIZE, 1);
    searcher.restore(snapshot);
    searcher.ask(TrialId.of(next + 1)).orElseThrow(); // model built and cached, outside the measurement
  }

  @Benchmark
  public Proposal tellThenAsk() {
    searcher.tell(new Outcome.Completed(last, 5.0, Map.of()));
    return searcher.ask(TrialId.of(next + 2)).orElseThrow();
  }
}
