package org.nautilus.nas.search.bayes;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nautilus.surrogate.acquisition.Acquisition;
import org.nautilus.surrogate.gp.GaussianProcess;

/**
 * Finds the candidate of highest acquisition among many, exactly, while computing the O(n^2) posterior
 * variance for few of them: every candidate's mean and an upper bound of its variance cost O(n)
 * ({@link GaussianProcess#predictMeans}); an acquisition that grows with the standard deviation (EI,
 * log-EI, UCB) is then bounded by its value at the bound, and
 * candidates are scored exactly in decreasing order of that bound until the bound falls below the best
 * exact score. Ties go to the candidate met first in that order (then the lower index).
 */
final class AcquisitionMaximizer {
  /** Candidates scored exactly per batch. */
  private static final int BATCH = 128;
  /** Batches scored per round, in parallel on the caller's fork-join pool. */
  private static final int ROUND = 2;

  private AcquisitionMaximizer() {}

  /** The best candidate's index in {@code points} and its acquisition value. */
  record Best(int index, double score) {}

  /**
   * The best of {@code points} under {@code model}, or index -1 if there are none.
   *
   * @param monotone whether the acquisition never decreases as the standard deviation grows (enables the
   *     bound); false scores every candidate exactly
   */
  static Best maximize(GaussianProcess model, double[][] points, Acquisition acquisition, double incumbent,
      boolean monotone) {
    int n = points.length;
    if (n == 0) {
      return new Best(-1, Double.NEGATIVE_INFINITY);
    }
    double[] means = new double[n];
    double[] varianceBound = new double[n];
    model.predictMeans(points, means, varianceBound);
    Integer[] order = new Integer[n];
    double[] bound = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      bound[i] = monotone ? acquisition.score(means[i], Math.sqrt(varianceBound[i]), incumbent) : 0;
    }
    if (monotone) {
      Arrays.sort(order, (a, b) -> bound[a] != bound[b] ? Double.compare(bound[b], bound[a]) : Integer.compare(a, b));
    }
    int bestIndex = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    double[] exact = new double[n];
    for (int start = 0; start < n; start += BATCH * ROUND) {
      if (monotone && bestIndex >= 0 && !(bound[order[start]] > bestScore)) {
        break; // nothing left can beat the best exact score
      }
      int from = start;
      int batches = (Math.min(n, start + BATCH * ROUND) - start + BATCH - 1) / BATCH;
      // the batches of a round are scored in parallel, then compared in order: the result does not
      // depend on the threads (a round may score a batch the sequential order would have skipped, but a
      // skipped batch's bound is at most the best score, and ties keep the earlier candidate)
      IntStream.range(0, batches).parallel().forEach(q -> {
        int lo = from + q * BATCH;
        int b = Math.min(BATCH, n - lo);
        double[][] slice = new double[b][];
        for (int c = 0; c < b; c++) {
          slice[c] = points[order[lo + c]];
        }
        double[] m = new double[b];
        double[] v = new double[b];
        model.predict(slice, m, v);
        for (int c = 0; c < b; c++) {
          exact[lo + c] = acquisition.score(m[c], Math.sqrt(v[c]), incumbent);
        }
      });
      for (int i = from; i < Math.min(n, from + BATCH * ROUND); i++) {
        if (bestIndex < 0 || exact[i] > bestScore) {
          bestIndex = order[i];
          bestScore = exact[i];
        }
      }
    }
    return new Best(bestIndex, bestScore);
  }
}
