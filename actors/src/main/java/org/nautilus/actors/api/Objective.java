package org.nautilus.actors.api;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.nautilus.nas.space.Candidate;

/**
 * The user's own evaluation of a candidate, for {@link Nautilus#run}: any Java code, returning its
 * metrics by name; the spec's objective metric must be among them. It may be called from several
 * trainer threads at once (one per worker), each with a different candidate.
 */
@FunctionalInterface
public interface Objective {
  /**
   * Evaluates {@code candidate}; {@code seed} is the trial's own seed, for code that needs randomness.
   * An exception or a non-finite objective fails the trial (not retried).
   */
  Map<String, Double> evaluate(Candidate candidate, long seed) throws Exception;

  /** An objective that computes the single metric {@code metric}. */
  static Objective of(String metric, ToDoubleFunction<Candidate> function) {
    return (candidate, seed) -> Map.of(metric, function.applyAsDouble(candidate));
  }
}
