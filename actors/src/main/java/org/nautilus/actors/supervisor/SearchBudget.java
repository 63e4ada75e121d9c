package org.nautilus.actors.supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When a search stops proposing: whichever limit is reached first. Trials already running when a
 * limit is reached train to the end.
 *
 * @param trials trials to propose at most
 * @param wallTime elapsed time of the search, summed over its runs (a paused search's pause does not count)
 * @param cost total cost in seconds of the trials that ended (virtual seconds under a virtual clock)
 * @param target stop once the incumbent's objective reaches this value (in the objective's direction)
 */
public record SearchBudget(long trials, Optional<Duration> wallTime, OptionalDouble cost, OptionalDouble target) {
  public SearchBudget {
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(target, "target");
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    wallTime.ifPresent(w -> {
      if (w.isNegative() || w.isZero()) {
        throw new IllegalArgumentException("wall time must be > 0, got " + w);
      }
    });
    if (cost.isPresent() && !(cost.getAsDouble() > 0)) {
      throw new IllegalArgumentException("cost must be > 0, got " + cost.getAsDouble());
    }
  }

  /** A budget of {@code trials} trials and nothing else. */
  public static SearchBudget ofTrials(long trials) {
    return new SearchBudget(trials, Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty());
  }
}
