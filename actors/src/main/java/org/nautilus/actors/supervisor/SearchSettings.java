package org.nautilus.actors.supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.nas.schedule.SchedulerConfig;
import org.nautilus.nas.search.Direction;

/**
 * What a search runs for: its specification (journaled as given), budget, epochs per trial, seed,
 * objective, clock, and fault limits.
 *
 * @param spec the search's full specification, journaled in {@code SearchCreated}; a resumed search
 *     is rebuilt from it
 * @param searcher the name journaled with each proposal
 * @param budget when to stop proposing
 * @param epochs epochs per trial
 * @param seed seed of the search; each trial's seed derives from it and the trial id
 * @param objective the final metric the searcher optimizes, e.g. {@code val_accuracy}
 * @param direction whether the objective is maximized or minimized
 * @param virtualCost under a virtual clock, the result metric that is a trial's cost in virtual
 *     seconds: outcomes then reach the searcher in virtual-time order whatever the threads do, so a
 *     run is reproducible from its seed (for tabular trainers); empty for the wall clock
 * @param maxRetries how often a trial that failed with a retryable cause is tried again
 * @param maxConsecutiveFailures the search stops after this many failed trials in a row
 * @param trialTimeLimit a trial still running after this long is stopped and fails, not retried (wall
 *     clock; not applied under a virtual clock)
 * @param scheduler the multi-fidelity scheduler that may stop trials early (wall clock only)
 * @param prefetch trials queued on each busy trainer beyond the one it runs, so it begins the next
 *     the moment one ends (wall clock only). 0, the default, proposes each trial when a trainer is
 *     free, with every result known so far; 1 keeps short trials (seconds or less) from waiting on
 *     the supervisor, at the price of proposals made one trial earlier
 */
public record SearchSettings(String spec, String searcher, SearchBudget budget, int epochs, long seed,
    String objective, Direction direction, Optional<String> virtualCost, int maxRetries,
    int maxConsecutiveFailures, Optional<Duration> trialTimeLimit, Optional<SchedulerConfig> scheduler,
    int prefetch) {
  public SearchSettings {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(searcher, "searcher");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(virtualCost, "virtualCost");
    Objects.requireNonNull(trialTimeLimit, "trialTimeLimit");
    Objects.requireNonNull(scheduler, "scheduler");
    if (scheduler.isPresent() && virtualCost.isPresent()) {
      throw new IllegalArgumentException("a multi-fidelity scheduler needs the wall clock, not a virtual one");
    }
    trialTimeLimit.ifPresent(limit -> {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("trial time limit must be > 0, got " + limit);
      }
    });
    if (prefetch < 0) {
      throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
    }
    if (prefetch > 0 && virtualCost.isPresent()) {
      throw new IllegalArgumentException("prefetch needs the wall clock: under a virtual clock every proposal "
          + "waits for the results due before it");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
    }
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("max consecutive failures must be >= 1, got " + maxConsecutiveFailures);
    }
  }

  /** Settings without a trial time limit. */
  public SearchSettings(String spec, String searcher, SearchBudget budget, int epochs, long seed, String objective,
      Direction direction, Optional<String> virtualCost, int maxRetries, int maxConsecutiveFailures) {
    this(spec, searcher, budget, epochs, seed, objective, direction, virtualCost, maxRetries, maxConsecutiveFailures,
        Optional.empty(), Optional.empty(), 0);
  }

  /** These settings with a time limit per trial. */
  public SearchSettings withTrialTimeLimit(Duration limit) {
    return new SearchSettings(spec, searcher, budget, epochs, seed, objective, direction, virtualCost, maxRetries,
        maxConsecutiveFailures, Optional.of(limit), scheduler, prefetch);
  }

  /** These settings with a multi-fidelity scheduler. */
  public SearchSettings withScheduler(SchedulerConfig config) {
    return new SearchSettings(spec, searcher, budget, epochs, seed, objective, direction, virtualCost, maxRetries,
        maxConsecutiveFailures, trialTimeLimit, Optional.of(config), prefetch);
  }

  /** These settings with {@code trials} queued on each busy trainer. */
  public SearchSettings withPrefetch(int trials) {
    return new SearchSettings(spec, searcher, budget, epochs, seed, objective, direction, virtualCost, maxRetries,
        maxConsecutiveFailures, trialTimeLimit, scheduler, trials);
  }

  /** A search of {@code trials} trials maximizing {@code objective} on the wall clock. */
  public SearchSettings(String spec, String searcher, int trials, int epochs, long seed, String objective,
      int maxRetries, int maxConsecutiveFailures) {
    this(spec, searcher, SearchBudget.ofTrials(trials), epochs, seed, objective, Direction.MAXIMIZE,
        Optional.empty(), maxRetries, maxConsecutiveFailures);
  }

  /** The seed of one trial: the search seed mixed with the trial id, so trials differ but replay exactly. */
  public long trialSeed(long trial) {
    long z = seed + trial * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
