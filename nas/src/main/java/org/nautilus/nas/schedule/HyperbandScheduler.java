package org.nautilus.nas.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.TrialId;

/**
 * Asynchronous Hyperband: several ASHA brackets side by side, bracket s starting its rungs at
 * {@code r·η^s}, so that some trials are judged early and aggressively and others late. A trial's
 * bracket is fixed by its id (round robin), which keeps the assignment deterministic and resumable.
 */
public final class HyperbandScheduler implements Scheduler {
  private final List<AshaScheduler> brackets = new ArrayList<>();
  private final Map<TrialId, Integer> bracketOf = new HashMap<>();

  /** Brackets 0 .. s_max, where s_max is the largest s with r·η^s < R. */
  public HyperbandScheduler(Direction direction, int minEpochs, int maxEpochs, int reduction) {
    for (int s = 0; minEpochs * Math.pow(reduction, s) < maxEpochs || s == 0; s++) {
      brackets.add(new AshaScheduler(direction, minEpochs, maxEpochs, reduction, s));
    }
  }

  /** Number of brackets. */
  public int brackets() {
    return brackets.size();
  }

  @Override
  public Decision onReport(TrialId trial, int epoch, double objective) {
    int bracket = bracketOf.computeIfAbsent(trial, t -> (int) ((t.value() - 1) % brackets.size()));
    return brackets.get(bracket).onReport(trial, epoch, objective);
  }

  @Override
  public void onFinished(TrialId trial) {
    bracketOf.remove(trial);
  }
}
