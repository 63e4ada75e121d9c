package org.nautilus.nas.search.bayes;

import java.util.Arrays;
import org.nautilus.surrogate.acquisition.Acquisition;
import org.nautilus.surrogate.gp.GaussianProcess;

/**
 * Finds the candidate of highest acquisition among many, exactly, while computing the O(n^2) posterior
 * variance for few of them: every candidate's mean costs O(n); an acquisition that grows with the
 * standard deviation (EI, log-EI, UCB) is then bounded by its value at the prior standard deviation, and
 * candidates are scored exactly in decreasing order of that bound until the bound falls below the best
 * exact score. Ties go to the candidate met first in that order (then the lower index).
 */
final class AcquisitionMaximizer {
  /** Candidates scored exactly per batch. */
  private static final int BATCH = 128;

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
    double[] prior = new double[n];
    model.predictMeans(points, means, prior);
    Integer[] order = new Integer[n];
    double[] bound = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      bound[i] = monotone ? acquisition.score(means[i], Math.sqrt(prior[i]), incumbent) : 0;
    }
    if (monotone) {
      Arrays.sort(order, (a, b) -> bound[a] != bound[b] ? Double.compare(bound[b], bound[a]) : Integer.compare(a, b));
    }
    int bestIndex = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    double[][] batch = new double[BATCH][];
    double[] m = new double[BATCH];
    double[] v = new double[BATCH];
    for (int start = 0; start < n; start += BATCH) {
      if (monotone && bestIndex >= 0 && !(bound[order[start]] > bestScore)) {
        break; // nothing left can beat the best exact score
      }
      int b = Math.min(BATCH, n - start);
      double[][] slice = b == BATCH ? batch : new double[b][];
      for (int c = 0; c < b; c++) {
        slice[c] = points[order[start + c]];
      }
      model.predict(slice, m, v);
      for (int c = 0; c < b; c++) {
        double score = acquisition.score(m[c], Math.sqrt(v[c]), incumbent);
        if (bestIndex < 0 || score > bestScore) {
          bestIndex = order[start + c];
          bestScore = score;
        }
      }
    }
    return new Best(bestIndex, bestScore);
  }
}
