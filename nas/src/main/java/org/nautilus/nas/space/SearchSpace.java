package org.nautilus.nas.space;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.nautilus.nas.search.SearchRandom;

/** A set of candidates that searchers can sample and that the journal can name by canonical string. */
public interface SearchSpace<C extends Candidate> {
  /** Short name of the space, e.g. {@code nb201}. */
  String name();

  /** Number of distinct candidates ({@link Long#MAX_VALUE} for an infinite or uncountably large space). */
  long size();

  /** A candidate drawn uniformly at random. */
  C sample(SearchRandom random);

  /** Parses a canonical string; throws {@link IllegalArgumentException} naming what is wrong. */
  C parse(String canonical);

  /** A random candidate that differs from {@code candidate} in exactly one op, edge or hyperparameter. */
  C mutate(C candidate, SearchRandom random);

  /**
   * The number of candidates when the space is finite and the number fits in a {@code long}; empty for a
   * space with a continuous dimension or too many candidates to count. The default is {@link #size()}.
   */
  default OptionalLong finiteSize() {
    return OptionalLong.of(size());
  }

  /**
   * This space as a sequence of categorical decisions, for grid search and policy-gradient controllers;
   * empty when it has none (a continuous dimension). A {@link CategoricalSpace} returns itself.
   */
  default Optional<CategoricalSpace<C>> asCategorical() {
    return Optional.empty();
  }

  /**
   * The candidates one mutation away from {@code candidate}, deterministic and finite, in a documented
   * order. The default is the categorical view's {@link CategoricalSpace#neighbours}; it throws
   * {@link UnsupportedOperationException} for a space with neither.
   */
  default List<C> neighbours(C candidate) {
    return asCategorical()
        .orElseThrow(() -> new UnsupportedOperationException("space " + name() + " defines no neighbourhood"))
        .neighbours(candidate);
  }
}
