package org.nautilus.actors.supervisor;

import java.util.Objects;

/**
 * What a search runs for: its specification (journaled as given), trial budget, epochs per trial,
 * seed, the metric to maximize, and fault limits.
 *
 * @param spec the search's full specification as JSON, journaled in {@code SearchCreated}
 * @param searcher the name journaled with each proposal
 * @param trials number of trials to train (the budget)
 * @param epochs epochs per trial
 * @param seed seed of the search; each trial's seed derives from it and the trial id
 * @param objective the final metric the searcher maximizes, e.g. {@code val_accuracy}
 * @param maxRetries how often a trial that failed with a retryable cause is tried again
 * @param maxConsecutiveFailures the search stops after this many failed trials in a row
 */
public record SearchSettings(String spec, String searcher, int trials, int epochs, long seed, String objective,
    int maxRetries, int maxConsecutiveFailures) {
  public SearchSettings {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(searcher, "searcher");
    Objects.requireNonNull(objective, "objective");
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
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

  /** The seed of one trial: the search seed mixed with the trial id, so trials differ but replay exactly. */
  public long trialSeed(long trial) {
    long z = seed + trial * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
