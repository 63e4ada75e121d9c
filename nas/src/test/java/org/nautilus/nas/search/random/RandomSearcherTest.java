package org.nautilus.nas.search.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SearcherContract;
import org.nautilus.nas.search.SmallSpace;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

class RandomSearcherTest extends SearcherContract {
  @Override
  protected Searcher newSearcher(SearchSpace<?> space, long seed) {
    return RandomSearcher.of(space, seed);
  }

  @Test
  void proposesEveryCandidateOfAFiniteSpaceOnceThenIsExhausted() {
    RandomSearcher searcher = RandomSearcher.of(SmallSpace.of(12), 11);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 12; t++) {
      assertFalse(searcher.isExhausted());
      seen.add(searcher.ask(TrialId.of(t)).orElseThrow().candidate().canonical());
    }
    assertEquals(12, seen.size());
    assertTrue(searcher.isExhausted());
    assertTrue(searcher.ask(TrialId.of(13)).isEmpty());
  }

  @Test
  void withRepeatsMayProposeACandidateAgain() {
    RandomSearcher searcher = RandomSearcher.withRepeats(SmallSpace.of(3), 11);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 20; t++) {
      seen.add(searcher.ask(TrialId.of(t)).orElseThrow().candidate().canonical());
    }
    assertEquals(3, seen.size());
    assertFalse(searcher.isExhausted());
  }

  @Test
  void restoreRefusesASnapshotOfAnotherSpace() {
    RandomSearcher small = RandomSearcher.of(SmallSpace.of(5), 1);
    RandomSearcher nb201 = RandomSearcher.of(new Nb201Space(), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nb201.restore(small.snapshot()));
    assertEquals("snapshot is for space 'small-5', this searcher searches 'nb201'", e.getMessage());
  }
}
