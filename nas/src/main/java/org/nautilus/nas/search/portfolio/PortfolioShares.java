package org.nautilus.nas.search.portfolio;

import java.util.Arrays;
import org.nautilus.nas.search.Direction;

/**
 * Decides how many of the next trials each member of a portfolio proposes, from counts alone: each
 * member's proposals and the times its trial improved the portfolio's incumbent. Being a fold of
 * those counts, it is rebuilt exactly from a journal that records who proposed what and how each
 * trial ended, whatever order the members answered in.
 *
 * <ul>
 *   <li>{@link PortfolioSearcher.Policy#WEIGHTS}: each trial goes to the member with the least
 *       {@code (proposals + 1) / weight}, so member i proposes a share {@code w_i / Σw}, interleaved;
 *   <li>{@link PortfolioSearcher.Policy#BANDIT}: UCB1 on each member's rate of improving the
 *       incumbent, so the member finding better candidates now gets more trials while the others keep
 *       being tried.
 * </ul>
 * Ties go to the member listed first.
 */
public final class PortfolioShares {
  private final PortfolioSearcher.Policy policy;
  private final double[] weights;
  private final Direction direction;
  private final long[] proposals;
  private final long[] improvements;
  private double best = Double.NaN;

  /** Shares under {@code policy} for members of {@code weights}, improving in {@code direction}. */
  public PortfolioShares(PortfolioSearcher.Policy policy, double[] weights, Direction direction) {
    this.policy = policy;
    this.weights = weights.clone();
    this.direction = direction;
    this.proposals = new long[weights.length];
    this.improvements = new long[weights.length];
  }

  /**
   * How many of {@code wanted} trials each member should propose now, member i at most
   * {@code limits[i]} (0 for a member that cannot be asked now): trial by trial, each counted as
   * proposed by its member for the next choice. Fewer than {@code wanted} in all when the limits are.
   */
  public int[] allot(int wanted, int[] limits) {
    int[] allotted = new int[weights.length];
    for (int n = 0; n < wanted; n++) {
      int chosen = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < weights.length; i++) {
        if (allotted[i] < limits[i]) {
          double score = score(i, allotted);
          if (chosen < 0 || score > bestScore) {
            chosen = i;
            bestScore = score;
          }
        }
      }
      if (chosen < 0) {
        break;
      }
      allotted[chosen]++;
    }
    return allotted;
  }

  /** Higher is chosen first. */
  private double score(int i, int[] allotted) {
    long pulls = proposals[i] + allotted[i];
    if (policy == PortfolioSearcher.Policy.WEIGHTS) {
      return -(pulls + 1) / weights[i];
    }
    long total = Arrays.stream(proposals).sum() + Arrays.stream(allotted).sum();
    return ucb(improvements[i], proposals[i], pulls, total);
  }

  /**
   * UCB1's index: the mean reward over {@code pulls} proposals that have counted, plus the bonus of
   * {@code provisional} pulls (those counted, and those allotted but not yet made) among
   * {@code total}; infinite for a member never pulled.
   */
  static double ucb(long rewards, long pulls, long provisional, long total) {
    if (provisional == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double mean = pulls == 0 ? 0 : (double) rewards / pulls;
    return mean + Math.sqrt(2 * Math.log(Math.max(total, 1)) / provisional);
  }

  /** Member {@code member} proposed a trial. */
  public void proposed(int member) {
    proposals[member]++;
  }

  /**
   * A trial of {@code member} ended with {@code objective} (NaN if it failed): an improvement on the
   * best so far rewards the member.
   */
  public void ended(int member, double objective) {
    if (Double.isFinite(objective) && (Double.isNaN(best) || direction.better(objective, best))) {
      best = objective;
      improvements[member]++;
    }
  }

  /** Proposals per member, in member order. */
  public long[] proposals() {
    return proposals.clone();
  }
}
