package org.nautilus.nas.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.TrialId;

/**
 * Asynchronous successive halving (Li et al., 2020): rungs at epochs {@code r, r·η, r·η², ...} below
 * the maximum; a trial that reaches a rung trains on only if its objective is at least the
 * {@code (1 - 1/η)}-quantile of all objectives recorded at that rung so far (itself included),
 * otherwise it stops.
 * Decisions never wait for other trials, so no worker idles. With {@code bracket} s > 0 the first
 * rung is at {@code r·η^s}: asynchronous Hyperband runs several brackets side by side
 * ({@link HyperbandScheduler}).
 */
public final class AshaScheduler implements Scheduler {
  private final Direction direction;
  private final int reduction;
  private final int[] rungEpochs;
  /**
   * Objectives recorded at each rung by trial, scored so that higher is better; a trial trained again
   * (a retry, or after a resume) replaces its own record.
   */
  private final List<Map<TrialId, Double>> recorded = new ArrayList<>();

  /**
   * @param minEpochs r, the epoch of the first rung (of bracket 0)
   * @param maxEpochs R, the epochs a trial trains at most; no rung at or above it
   * @param reduction η >= 2
   * @param bracket s >= 0: the first rung is at r·η^s
   */
  public AshaScheduler(Direction direction, int minEpochs, int maxEpochs, int reduction, int bracket) {
    if (minEpochs < 1 || maxEpochs < minEpochs || reduction < 2 || bracket < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "ASHA needs 1 <= min_epochs <= max_epochs, reduction >= 2 and bracket >= 0, got %d, %d, %d, %d",
          minEpochs, maxEpochs, reduction, bracket));
    }
    this.direction = direction;
    this.reduction = reduction;
    List<Integer> rungs = new ArrayList<>();
    for (long epoch = minEpochs * (long) Math.pow(reduction, bracket); epoch < maxEpochs; epoch *= reduction) {
      rungs.add((int) epoch);
    }
    this.rungEpochs = rungs.stream().mapToInt(Integer::intValue).toArray();
    rungs.forEach(r -> recorded.add(new HashMap<>()));
  }

  /** The epochs at which a decision is taken, in order. */
  public int[] rungEpochs() {
    return rungEpochs.clone();
  }

  @Override
  public Decision onReport(TrialId trial, int epoch, double objective) {
    int rung = Arrays.binarySearch(rungEpochs, epoch);
    if (rung < 0) {
      return Decision.CONTINUE;
    }
    double score = Double.isFinite(objective) ? direction.score(objective) : Double.NEGATIVE_INFINITY;
    Map<TrialId, Double> here = recorded.get(rung);
    here.put(trial, score);
    double cutoff = quantile(here.values(), 1 - 1.0 / reduction);
    if (score >= cutoff) {
      return Decision.CONTINUE;
    }
    return new Decision.Stop(rung, String.format(Locale.ROOT,
        "ASHA rung %d (epoch %d): below the top 1/%d of the %d trials there", rung, epoch, reduction, here.size()));
  }

  /**
   * The {@code q}-quantile with linear interpolation between order statistics (numpy's default, as
   * Ray Tune's ASHA uses): a trial alone at its rung is its own cutoff and trains on.
   */
  static double quantile(Collection<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double position = (sorted.length - 1) * q;
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    if (sorted[below] == Double.NEGATIVE_INFINITY || below == above) {
      return sorted[below] == Double.NEGATIVE_INFINITY ? sorted[above] : sorted[below];
    }
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  @Override
  public void onFinished(TrialId trial) {}
}
