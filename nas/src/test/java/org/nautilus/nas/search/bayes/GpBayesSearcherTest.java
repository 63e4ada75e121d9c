package org.nautilus.nas.search.bayes;

import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SearcherContract;
import org.nautilus.nas.space.SearchSpace;

class GpBayesSearcherTest extends SearcherContract {
  @Override
  protected Searcher newSearcher(SearchSpace<?> space, long seed) {
    return GpBayesSearcher.of(space, Direction.MAXIMIZE, seed);
  }
}
