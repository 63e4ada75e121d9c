package org.nautilus.nas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * A discrete-event simulator: runs a searcher against a {@link TabularBenchmark} with W parallel
 * virtual workers and a virtual-time budget, as on a real asynchronous cluster but in microseconds.
 *
 * <p>The rules, which the tests pin down:
 * <ol>
 *   <li>At virtual time 0 the idle workers ask, one after another, for trials #1, #2, ... An
 *       evaluation proposed at time {@code t} completes at {@code t + cost} (the table's cost column).
 *   <li>Completions are processed one at a time in virtual-time order, ties broken by trial id (the
 *       smaller first). Each is told to the searcher as {@link Outcome.Completed} with the table's
 *       objective and no metrics (report columns are never shown to the searcher, so a test-set column
 *       cannot leak into the search), then the idle workers ask again, the freed one included.
 *   <li>A searcher that answers empty makes the idle workers wait for the next completion; the trial
 *       id it was asked with is asked again next time, as the search supervisor does.
 *   <li>The run ends when the next completion would end <em>after</em> the budget: an evaluation that
 *       ends exactly at the budget counts, one that would end later does not, and is never told. It
 *       also ends when nothing is running and the searcher is exhausted or answers empty.
 * </ol>
 *
 * <p>A run allocates per event only what the searcher API needs (a trial id, the outcome); pending
 * completions live in a binary heap over primitive arrays and rows are looked up by index.
 */
public final class Simulator {
  private Simulator() {}

  /** Sees a run's events as they happen, for tests and traces. Both methods do nothing by default. */
  public interface Observer {
    /** The searcher proposed {@code proposal} at virtual time {@code time}. */
    default void proposed(double time, Proposal proposal) {}

    /** The searcher is about to be told {@code outcome}, completed at virtual time {@code time}. */
    default void completed(double time, Outcome.Completed outcome) {}
  }

  private static final Observer SILENT = new Observer() {};

  /** Runs {@code searcher}, seeded with {@code seed} (recorded in the result), against {@code table}. */
  public static SimulationRun run(TabularBenchmark table, Searcher searcher, long seed, SimulationConfig config) {
    return run(table, searcher, seed, config, SILENT);
  }

  /**
   * As {@link #run(TabularBenchmark, Searcher, long, SimulationConfig)}, telling {@code observer} of each
   * proposal and completion.
   *
   * @throws TableException if the searcher proposes a candidate the table lacks
   */
  public static SimulationRun run(TabularBenchmark table, Searcher searcher, long seed, SimulationConfig config,
      Observer observer) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(searcher, "searcher");
    Objects.requireNonNull(observer, "observer");
    int reportCount = table.columns().report().size();
    EventHeap pending = new EventHeap(config.workers());
    List<SimulationRun.Incumbent> trajectory = new ArrayList<>();
    double budget = config.budgetSeconds();
    double now = 0;
    double best = 0;
    long nextTrial = 1;
    int idle = config.workers();
    int evaluations = 0;
    SimulationRun.End end;
    while (true) {
      while (idle > 0 && !searcher.isExhausted()) {
        Optional<Proposal> answer = searcher.ask(TrialId.of(nextTrial));
        if (answer.isEmpty()) {
          break;
        }
        Proposal proposal = answer.get();
        if (proposal.trial().value() != nextTrial) {
          throw new IllegalStateException("asked for trial #" + nextTrial + ", got a proposal for " + proposal.trial());
        }
        int row = table.row(proposal.candidate());
        if (row < 0) {
          throw new TableException(table.source() + ": the searcher proposed candidate '"
              + proposal.candidate().canonical() + "' (trial #" + nextTrial + "), which the table lacks");
        }
        observer.proposed(now, proposal);
        pending.push(now + table.cost(row), proposal.trial(), row);
        nextTrial++;
        idle--;
      }
      if (pending.isEmpty()) {
        end = searcher.isExhausted() ? SimulationRun.End.EXHAUSTED : SimulationRun.End.STALLED;
        break;
      }
      if (pending.peekTime() > budget) {
        end = SimulationRun.End.BUDGET;
        break;
      }
      now = pending.peekTime();
      TrialId trial = pending.peekTrial();
      int row = pending.peekRow();
      pending.pop();
      idle++;
      evaluations++;
      double objective = table.objective(row);
      Outcome.Completed outcome = new Outcome.Completed(trial, objective, Map.of());
      observer.completed(now, outcome);
      searcher.tell(outcome);
      if (trajectory.isEmpty() || config.direction().better(objective, best)) {
        best = objective;
        Double[] report = new Double[reportCount];
        for (int c = 0; c < reportCount; c++) {
          report[c] = table.report(row, c);
        }
        trajectory.add(new SimulationRun.Incumbent(now, trial, table.candidate(row), objective, List.of(report)));
      }
    }
    return new SimulationRun(seed, evaluations, (int) (nextTrial - 1), end, now, trajectory);
  }

  /**
   * The seed of repetition {@code run} (0-based) derived from {@code baseSeed}: a SplitMix64 mix of
   * both, so neighbouring base seeds give unrelated runs and the seed depends on nothing else.
   */
  public static long runSeed(long baseSeed, int run) {
    return SearchRandom.restore(baseSeed, run).nextLong();
  }

  /**
   * Runs {@code runs} independent repetitions on {@code threads} threads; repetition {@code r} uses a
   * searcher made with {@link #runSeed(long, int) runSeed(baseSeed, r)}. The result, in repetition
   * order, does not depend on {@code threads}.
   *
   * @throws TableException if a searcher proposes a candidate the table lacks
   */
  public static List<SimulationRun> repeat(TabularBenchmark table, SearcherFactory searchers, SimulationConfig config,
      int runs, long baseSeed, int threads) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be >= 1, got " + runs);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (threads == 1) {
      List<SimulationRun> out = new ArrayList<>(runs);
      for (int r = 0; r < runs; r++) {
        out.add(repetition(table, searchers, config, baseSeed, r));
      }
      return List.copyOf(out);
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> IntStream.range(0, runs).parallel()
          .mapToObj(r -> repetition(table, searchers, config, baseSeed, r)).toList()).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while simulating", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static SimulationRun repetition(TabularBenchmark table, SearcherFactory searchers, SimulationConfig config,
      long baseSeed, int r) {
    long seed = runSeed(baseSeed, r);
    return run(table, searchers.create(seed), seed, config);
  }

  /** Pending completions ordered by (time, trial id); at most one per worker. */
  private static final class EventHeap {
    private final double[] time;
    private final TrialId[] trial;
    private final int[] row;
    private int size;

    EventHeap(int capacity) {
      time = new double[capacity];
      trial = new TrialId[capacity];
      row = new int[capacity];
    }

    boolean isEmpty() {
      return size == 0;
    }

    double peekTime() {
      return time[0];
    }

    TrialId peekTrial() {
      return trial[0];
    }

    int peekRow() {
      return row[0];
    }

    void push(double t, TrialId id, int r) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(t, id, time[parent], trial[parent])) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      set(i, t, id, r);
    }

    void pop() {
      size--;
      trial[0] = null;
      if (size == 0) {
        return;
      }
      double t = time[size];
      TrialId id = trial[size];
      int r = row[size];
      trial[size] = null;
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && before(time[child + 1], trial[child + 1], time[child], trial[child])) {
          child++;
        }
        if (!before(time[child], trial[child], t, id)) {
          break;
        }
        move(child, i);
        i = child;
      }
      set(i, t, id, r);
    }

    private static boolean before(double t1, TrialId id1, double t2, TrialId id2) {
      return t1 < t2 || (t1 == t2 && id1.value() < id2.value());
    }

    private void move(int from, int to) {
      set(to, time[from], trial[from], row[from]);
    }

    private void set(int i, double t, TrialId id, int r) {
      time[i] = t;
      trial[i] = id;
      row[i] = r;
    }
  }
}
