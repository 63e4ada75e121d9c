package org.nautilus.nas.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.TrialId;

/**
 * The median stopping rule (Golovin et al., Google Vizier, 2017): after a grace period, a trial
 * stops at epoch e if its best objective so far is worse than the median, over the other trials that
 * reached epoch e, of their running averages up to e. Needs {@code minTrials} others to compare with.
 */
public final class MedianStoppingRule implements Scheduler {
  private final Direction direction;
  private final int graceEpochs;
  private final int minTrials;
  /** Per trial: its scores by epoch (index epoch - 1), higher is better. */
  private final Map<TrialId, List<Double>> curves = new HashMap<>();
  /** Per epoch: the running averages of the trials that reached it. */
  private final List<List<Double>> averagesAt = new ArrayList<>();

  public MedianStoppingRule(Direction direction, int graceEpochs, int minTrials) {
    if (graceEpochs < 0 || minTrials < 1) {
      throw new IllegalArgumentException("median stopping needs grace >= 0 and min_trials >= 1, got "
          + graceEpochs + ", " + minTrials);
    }
    this.direction = direction;
    this.graceEpochs = graceEpochs;
    this.minTrials = minTrials;
  }

  @Override
  public Decision onReport(TrialId trial, int epoch, double objective) {
    double score = Double.isFinite(objective) ? direction.score(objective) : Double.NEGATIVE_INFINITY;
    List<Double> curve = curves.computeIfAbsent(trial, t -> new ArrayList<>());
    while (curve.size() >= epoch) {
      curve.remove(curve.size() - 1); // trained again from an earlier epoch (a retry or a resume)
    }
    curve.add(score);
    double sum = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (double s : curve) {
      sum += s;
      best = Math.max(best, s);
    }
    while (averagesAt.size() < epoch) {
      averagesAt.add(new ArrayList<>());
    }
    List<Double> others = averagesAt.get(epoch - 1);
    Decision decision = Decision.CONTINUE;
    if (epoch > graceEpochs && others.size() >= minTrials) {
      double median = AshaScheduler.quantile(others, 0.5);
      if (best < median) {
        decision = new Decision.Stop(epoch - 1, String.format(Locale.ROOT,
            "median stopping at epoch %d: best so far below the median of %d other trials' running averages",
            epoch, others.size()));
      }
    }
    others.add(sum / curve.size());
    return decision;
  }

  @Override
  public void onFinished(TrialId trial) {
    curves.remove(trial);
  }
}
