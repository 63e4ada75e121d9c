package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.nas.search.SearchRandom;

/**
 * A finite space whose candidates are a fixed sequence of categorical decisions: decision {@code i}
 * takes a value in {@code 0 .. cardinalities()[i] - 1}. Grid search enumerates it, evolution mutates
 * one decision, and a policy-gradient controller keeps one categorical distribution per decision.
 */
public interface CategoricalSpace<C extends Candidate> extends SearchSpace<C> {
  /** Number of values of each decision, in decision order. */
  int[] cardinalities();

  /** Short names of the decisions, in order (e.g. {@code edge_1<-0}, {@code optimizer}). */
  List<String> decisionNames();

  /** The decisions that make up {@code candidate}. */
  int[] decisions(C candidate);

  /** The candidate with these decisions; throws {@link IllegalArgumentException} if one is out of range. */
  C fromDecisions(int[] decisions);

  /** Every candidate that differs from {@code candidate} in exactly one decision, in decision order. */
  default List<C> neighbours(C candidate) {
    int[] base = decisions(candidate);
    int[] sizes = cardinalities();
    List<C> out = new ArrayList<>();
    for (int d = 0; d < base.length; d++) {
      for (int v = 0; v < sizes[d]; v++) {
        if (v != base[d]) {
          int[] changed = base.clone();
          changed[d] = v;
          out.add(fromDecisions(changed));
        }
      }
    }
    return out;
  }

  /** A uniformly chosen single-decision mutation of {@code candidate}. */
  @Override
  default C mutate(C candidate, SearchRandom random) {
    int[] changed = decisions(candidate);
    int[] sizes = cardinalities();
    int d = random.nextInt(changed.length);
    int v = random.nextInt(sizes[d] - 1);
    changed[d] = v >= changed[d] ? v + 1 : v; // any value but the current one
    return fromDecisions(changed);
  }
}
