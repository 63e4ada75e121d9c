package org.nautilus.nas.search.reinforce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nautilus.nas.search.SearchRandom;

/**
 * A stochastic controller over a fixed sequence of categorical decisions, trained by policy gradient.
 * {@link FactorizedCategoricalPolicy} is the independent-per-decision one; a recurrent controller can
 * implement the same interface. Mutable and not thread-safe: its searcher owns it.
 */
public interface Policy {
  /** Short name written into snapshots, e.g. {@code factorized-categorical}. */
  String kind();

  /** Number of values of each decision, in decision order. */
  int[] cardinalities();

  /** Decisions drawn from the policy, all randomness from {@code random}. */
  int[] sample(SearchRandom random);

  /** Natural log of the probability of {@code decisions}. */
  double logProbability(int[] decisions);

  /** Entropy of the policy in nats (for a factorized policy, the sum over decisions). */
  double entropy();

  /**
   * One gradient-ascent step on {@code advantage * log p(decisions) + entropyCoefficient * entropy()}.
   */
  void reinforce(int[] decisions, double advantage, double learningRate, double entropyCoefficient);

  /** Writes the parameters exactly (doubles as raw bits). */
  void write(DataOutput out) throws IOException;

  /**
   * Replaces the parameters with ones written by {@link #write} of a policy of the same shape; all or
   * nothing: on an exception the policy is unchanged.
   */
  void read(DataInput in) throws IOException;
}
