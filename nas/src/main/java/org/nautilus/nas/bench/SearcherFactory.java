package org.nautilus.nas.bench;

import org.nautilus.nas.search.Searcher;

/**
 * Makes a fresh, independent searcher for one simulated run, e.g.
 * {@code seed -> Strategies.create("evolution", space, seed, direction)}. Called from several threads
 * at once by {@link Simulator#repeat}; each call must return a new searcher.
 */
@FunctionalInterface
public interface SearcherFactory {
  /** A new searcher seeded with {@code seed}. */
  Searcher create(long seed);
}
