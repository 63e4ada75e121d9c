package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
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

  /** This space itself. */
  @Override
  default Optional<CategoricalSpace<C>> asCategorical() {
    return Optional.of(this);
  }

  /**
   * Every candidate once, in odometer order of the decisions (the last decision changes fastest). The
   * default walks all decision vectors; a space where several vectors are one candidate (inactive
   * conditional hyperparameters) overrides it to yield each candidate once.
   */
  default Iterator<C> enumerate() {
    int[] sizes = cardinalities();
    return new Iterator<>() {
      private int[] next = new int[sizes.length];

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public C next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        C out = fromDecisions(next.clone());
        int d = sizes.length - 1;
        while (d >= 0 && ++next[d] == sizes[d]) {
          next[d--] = 0;
        }
        if (d < 0) {
          next = null;
        }
        return out;
      }
    };
  }

  /** Every candidate that differs from {@code candidate} in exactly one decision, in decision order. */
  @Override
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

  /**
   * A uniformly chosen single-decision mutation of {@code candidate}: a decision with at least two values,
   * then any other value of it. Throws {@link IllegalStateException} if every decision has one value.
   */
  @Override
  default C mutate(C candidate, SearchRandom random) {
    int[] changed = decisions(candidate);
    int[] sizes = cardinalities();
    int[] open = java.util.stream.IntStream.range(0, sizes.length).filter(i -> sizes[i] > 1).toArray();
    if (open.length == 0) {
      throw new IllegalStateException("space " + name() + " has a single candidate; nothing to mutate");
    }
    int d = open[random.nextInt(open.length)];
    int v = random.nextInt(sizes[d] - 1);
    changed[d] = v >= changed[d] ? v + 1 : v; // any value but the current one
    return fromDecisions(changed);
  }
}
