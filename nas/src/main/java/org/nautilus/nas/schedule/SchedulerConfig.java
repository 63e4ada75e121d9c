package org.nautilus.nas.schedule;

import java.util.List;
import java.util.Objects;
import org.nautilus.nas.search.Direction;

/**
 * Which multi-fidelity scheduler a search uses, as a value (the scheduler itself holds state).
 *
 * @param kind {@code asha}, {@code hyperband} or {@code median}
 * @param minEpochs ASHA's and Hyperband's r, the first rung's epoch
 * @param reduction ASHA's and Hyperband's η
 * @param graceEpochs the median rule's grace period, in epochs
 * @param minTrials how many other trials the median rule needs at an epoch before it stops any
 */
public record SchedulerConfig(String kind, int minEpochs, int reduction, int graceEpochs, int minTrials) {
  /** The kinds {@link #create} knows. */
  public static final List<String> KINDS = List.of("asha", "hyperband", "median");

  public SchedulerConfig {
    Objects.requireNonNull(kind, "kind");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("scheduler '" + kind + "' is not one of " + String.join(", ", KINDS));
    }
    if (minEpochs < 1 || reduction < 2 || graceEpochs < 0 || minTrials < 1) {
      throw new IllegalArgumentException("scheduler needs min_epochs >= 1, reduction >= 2, grace >= 0 and "
          + "min_trials >= 1, got " + minEpochs + ", " + reduction + ", " + graceEpochs + ", " + minTrials);
    }
  }

  /** The defaults of {@code kind}: r = 1, η = 3, a grace of 1 epoch, 3 trials to compare with. */
  public static SchedulerConfig of(String kind) {
    return new SchedulerConfig(kind, 1, 3, 1, 3);
  }

  /** A fresh scheduler for trials of at most {@code maxEpochs} epochs. */
  public Scheduler create(Direction direction, int maxEpochs) {
    return switch (kind) {
      case "asha" -> new AshaScheduler(direction, Math.min(minEpochs, maxEpochs), maxEpochs, reduction, 0);
      case "hyperband" -> new HyperbandScheduler(direction, Math.min(minEpochs, maxEpochs), maxEpochs, reduction);
      default -> new MedianStoppingRule(direction, graceEpochs, minTrials);
    };
  }
}
