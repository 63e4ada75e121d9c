package org.nautilus.nas.space;

import org.nautilus.nas.search.SearchRandom;

/** A set of candidates that searchers can sample and that the journal can name by canonical string. */
public interface SearchSpace<C extends Candidate> {
  /** Short name of the space, e.g. {@code nb201}. */
  String name();

  /** Number of distinct candidates. */
  long size();

  /** A candidate drawn uniformly at random. */
  C sample(SearchRandom random);

  /** Parses a canonical string; throws {@link IllegalArgumentException} naming what is wrong. */
  C parse(String canonical);

  /** A random candidate that differs from {@code candidate} in exactly one op, edge or hyperparameter. */
  C mutate(C candidate, SearchRandom random);
}
