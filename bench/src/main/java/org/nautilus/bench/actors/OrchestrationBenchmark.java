package org.nautilus.bench.actors;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.supervisor.SearchBudget;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Space;

/**
 * Macro benchmark of the actor runtime itself, with trainers that cost nothing or sleep:
 * <ul>
 *   <li>{@code overhead}: trials per second end to end (propose, journal, dispatch to a pinned trainer
 *       actor, report, journal, tell) through a real supervisor and a real Chronicle journal;
 *   <li>{@code utilization}: N trainer actors running trials that sleep a fixed time; the share of
 *       trainer time spent in trials, against the ideal wall time;
 *   <li>{@code portfolio}: a portfolio of two random searchers, one of which takes {@code THINK} ms per
 *       proposal (as a GP fit would), on N trainers running trials that sleep; its members each asked on
 *       their own against the whole portfolio asked as one searcher, side by side in one run.
 * </ul>
 * Run: {@code java $(cat cli/target/jvm.options) -cp bench/target/benchmarks.jar
 * org.nautilus.bench.actors.OrchestrationBenchmark overhead TRIALS TRAINERS [PREFETCH] | utilization TRAINERS TRIALS
 * MILLIS [PREFETCH] | portfolio TRAINERS TRIALS MILLIS THINK}
 */
public final class OrchestrationBenchmark {
  private OrchestrationBenchmark() {}

  /** A trainer whose one epoch sleeps {@code millis} (0: returns at once), counting its busy time. */
  private static final class SleepingTrainer implements Trainer {
    private final long millis;
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    /** Per trainer thread: trials run, first start, last end (nanos): where utilization is lost. */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]> perThread =
        new java.util.concurrent.ConcurrentHashMap<>();

    SleepingTrainer(long millis) {
      this.millis = millis;
    }

    @Override
    public TrainingRun start(TrainRequest request) {
      return new TrainingRun() {
        private boolean finished;

        @Override
        public EpochReport nextEpoch() {
          long start = System.nanoTime();
          if (millis > 0) {
            try {
              Thread.sleep(millis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          long end = System.nanoTime();
          busyNanos.addAndGet(end - start);
          firstStart.accumulateAndGet(start, Math::min);
          lastEnd.accumulateAndGet(end, Math::max);
          long[] t = perThread.computeIfAbsent(Thread.currentThread().getName(),
              k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
          t[0]++;
          if (t[0] > 1) {
            t[3] += start - t[2]; // the gap since this trainer's previous trial ended
            t[4] = Math.max(t[4], start - t[2]);
          }
          t[1] = Math.min(t[1], start);
          t[2] = Math.max(t[2], end);
          finished = true;
          return new EpochReport(1, Map.of("score", (double) (request.seed() & 1023)));
        }

        @Override
        public boolean isFinished() {
          return finished;
        }

        @Override
        public Map<String, Double> result() {
          return Map.of("score", (double) (request.seed() & 1023));
        }

        @Override
        public void close() {}
      };
    }
  }

  /**
   * A searcher that takes {@code millis} per proposal, as a model-based one would, and is therefore
   * not quick (with 0, only hides the searcher it wraps, e.g. to have a portfolio asked as one).
   */
  private static final class Thinking implements Searcher {
    private final Searcher inner;
    private final long millis;

    Thinking(Searcher inner, long millis) {
      this.inner = inner;
      this.millis = millis;
    }

    @Override
    public Optional<Proposal> ask(TrialId trial) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.ask(trial);
    }

    @Override
    public void tell(Outcome outcome) {
      inner.tell(outcome);
    }

    @Override
    public boolean isExhausted() {
      return inner.isExhausted();
    }

    @Override
    public byte[] snapshot() {
      return inner.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) {
      inner.restore(snapshot);
    }
  }

  /** A finished run: {@code seconds} from start to end, {@code trainingSeconds} from the first trial's start. */
  private record Run(SearchState state, double seconds, double trainingSeconds, long busyNanos, String detail) {}

  private static Run run(long trials, int trainers, long millis, int prefetch) throws Exception {
    // Repeats allowed: the space has 15,625 cells and the benchmark may ask for more trials.
    return run(trials, trainers, millis, prefetch, RandomSearcher.withRepeats(new Nb201Space(), 1));
  }

  private static Run run(long trials, int trainers, long millis, int prefetch, Searcher searcher) throws Exception {
    Path dir = Files.createTempDirectory("nautilus-orchestration-");
    SleepingTrainer trainer = new SleepingTrainer(millis);
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < trainers; i++) {
      slots.add(new TrainerSlot("t" + i, Device.cpu(i), trainer));
    }
    SearchSettings settings = new SearchSettings("{\"bench\":\"orchestration\"}", "random",
        SearchBudget.ofTrials(trials), 1, 1, "score", Direction.MAXIMIZE, Optional.empty(), 0, 10)
        .withPrefetch(prefetch);
    try (ChronicleJournal journal = ChronicleJournal.create(dir, Clock.systemUTC(),
        new org.nautilus.journal.JournalConfig(org.nautilus.journal.Durability.parse(
            System.getProperty("durability", "group")), org.nautilus.journal.JournalConfig.defaults().minFreeBytes()))) {
      long start = System.nanoTime();
      LocalSearch search = LocalSearch.start(settings, searcher, journal,
          slots, SearchListener.none(), ConfigFactory.load());
      SearchState state = search.result().toCompletableFuture().get(1, TimeUnit.HOURS);
      return new Run(state, (System.nanoTime() - start) / 1e9,
          (trainer.lastEnd.get() - trainer.firstStart.get()) / 1e9, trainer.busyNanos.get(), detail(trainer));
    }
  }

  /** Where trainer time went: trials per trainer, and how far apart the trainers began and ended. */
  private static String detail(SleepingTrainer trainer) {
    java.util.LongSummaryStatistics counts = new java.util.LongSummaryStatistics();
    java.util.LongSummaryStatistics starts = new java.util.LongSummaryStatistics();
    java.util.LongSummaryStatistics ends = new java.util.LongSummaryStatistics();
    long gaps = 0;
    long maxGap = 0;
    for (long[] t : trainer.perThread.values()) {
      counts.accept(t[0]);
      starts.accept(t[1] - trainer.firstStart.get());
      ends.accept(trainer.lastEnd.get() - t[2]);
      gaps += t[3];
      maxGap = Math.max(maxGap, t[4]);
    }
    return String.format(Locale.ROOT, "trials per trainer %d-%d; trainers began within %.1f ms (mean %.1f ms after the"
        + " first) and ended within %.1f ms (mean %.1f ms before the last); between two trials a trainer waited %.3f ms on average, %.1f ms at most",
        counts.getMin(), counts.getMax(),
        starts.getMax() / 1e6, starts.getAverage() / 1e6, ends.getMax() / 1e6, ends.getAverage() / 1e6,
        gaps / 1e6 / Math.max(1, counts.getSum() - counts.getCount()), maxGap / 1e6);
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "overhead";
    if (mode.equals("overhead")) {
      long trials = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
      int trainers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
      int prefetch = args.length > 3 ? Integer.parseInt(args[3]) : 0;
      // Warm-up: long enough that the JIT has compiled the hot paths (C2 compiled through a 20,000-trial
      // warm-up and spent ~22 us per trial of the measured run).
      for (int i = 0; i < 3; i++) {
        run(Math.min(trials, 100_000), trainers, 0, prefetch);
      }
      Optional<ThreadCpu> cpu = ThreadCpu.start();
      Map<String, Double> before = cpu.map(ThreadCpu::secondsByGroup).orElse(Map.of());
      Run r = run(trials, trainers, 0, prefetch);
      System.out.printf(Locale.ROOT, "overhead: %,d trials on %d zero-cost trainers, prefetch %d, in %.2f s: "
          + "%,.0f trials/s (%s)%n", r.state().trials().size(), trainers, prefetch, r.seconds(), trials / r.seconds(),
          r.state().finished().orElseThrow().reason());
      cpu.ifPresent(c -> {
        System.out.println("  " + c.perUnit(before, trials, "trial"));
        c.close();
      });
    } else if (mode.equals("utilization")) {
      int trainers = args.length > 1 ? Integer.parseInt(args[1]) : 256;
      long trials = args.length > 2 ? Long.parseLong(args[2]) : 256L * 20;
      long millis = args.length > 3 ? Long.parseLong(args[3]) : 100;
      int prefetch = args.length > 4 ? Integer.parseInt(args[4]) : 0;
      // Warm-up, as in the overhead mode: the measured run starts with the dispatch path compiled,
      // as it is in a long search (cold, the first wave of 256 dispatches took 100-200 ms).
      for (int i = 0; i < 3; i++) {
        run(trainers * 4L, trainers, millis, prefetch);
      }
      Run r = run(trials, trainers, millis, prefetch);
      double ideal = Math.ceil((double) trials / trainers) * millis / 1e3;
      // Utilization from the first trial's start to the last one's end; the start-up (actor system,
      // journal, spawning the trainers' threads) is reported apart.
      System.out.printf(Locale.ROOT, "utilization: %,d trials of %d ms on %d trainers, prefetch %d: training took "
          + "%.3f s (ideal %.3f s), trainers busy %.2f%% of it; start-up and shutdown %.2f s%n", trials, millis, trainers,
          prefetch,
          r.trainingSeconds(), ideal, 100.0 * r.busyNanos() / 1e9 / (trainers * r.trainingSeconds()),
          r.seconds() - r.trainingSeconds());
      System.out.println("  " + r.detail());
    } else if (mode.equals("portfolio")) {
      int trainers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
      long trials = args.length > 2 ? Long.parseLong(args[2]) : 400;
      long millis = args.length > 3 ? Long.parseLong(args[3]) : 50;
      long think = args.length > 4 ? Long.parseLong(args[4]) : 200;
      double ideal = Math.ceil((double) trials / trainers) * millis / 1e3;
      for (boolean onItsOwn : new boolean[] {true, false}) {
        PortfolioSearcher portfolio = PortfolioSearcher.of(new Nb201Space(), List.of(
            new PortfolioSearcher.Member("slow", new Thinking(RandomSearcher.of(new Nb201Space(), 1), think), 1),
            new PortfolioSearcher.Member("quick", RandomSearcher.of(new Nb201Space(), 2), 1)),
            PortfolioSearcher.Policy.WEIGHTS, Direction.MAXIMIZE);
        Run r = run(trials, trainers, millis, 0, onItsOwn ? portfolio : new Thinking(portfolio, 0));
        Map<String, Long> byMember = new java.util.TreeMap<>();
        r.state().trials().forEach(t -> byMember.merge(t.searcher(), 1L, Long::sum));
        System.out.printf(Locale.ROOT, "portfolio, %s: %,d trials of %d ms on %d trainers, one member thinking %d ms "
            + "per proposal: training took %.2f s (ideal %.2f s), trainers busy %.1f%% of it; start-up and shutdown "
            + "%.2f s; trials by member %s%n",
            onItsOwn ? "each member asked on its own" : "asked as one searcher", trials, millis, trainers, think,
            r.trainingSeconds(), ideal, 100.0 * r.busyNanos() / 1e9 / (trainers * r.trainingSeconds()),
            r.seconds() - r.trainingSeconds(), byMember);
      }
    } else {
      throw new IllegalArgumentException("mode must be overhead, utilization or portfolio, got " + mode);
    }
  }
}
