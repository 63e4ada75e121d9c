package org.nautilus.nas.search.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SearcherContract;
import org.nautilus.nas.search.Strategies;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

class GridSearcherTest extends SearcherContract {
  @Override
  protected Searcher newSearcher(SearchSpace<?> space, long seed) {
    return GridSearcher.of(space, seed);
  }

  private static List<String> all(GridSearcher searcher) {
    List<String> out = new ArrayList<>();
    for (long t = 1; !searcher.isExhausted(); t++) {
      Proposal p = searcher.ask(TrialId.of(t)).orElseThrow();
      out.add(p.candidate().canonical());
      searcher.tell(new Outcome.Completed(p.trial(), 0.5, Map.of()));
    }
    return out;
  }

  @Test
  void aFiveByFiveByFiveGridYields125DistinctPointsThenNothing() {
    GridSearcher searcher = GridSearcher.of(new Cube(), 4);
    assertEquals(125, searcher.size());
    List<String> points = all(searcher);
    assertEquals(125, points.size());
    assertEquals(125, new LinkedHashSet<>(points).size());
    assertTrue(searcher.isExhausted());
    assertTrue(searcher.ask(TrialId.of(500)).isEmpty());
  }

  @Test
  void unshuffledGridWalksInOdometerOrder() {
    List<String> points = all(GridSearcher.of(new Cube(), new GridConfig(1000, false), 4));
    assertEquals(List.of("a0-b0-c0", "a0-b0-c1", "a0-b0-c2", "a0-b0-c3", "a0-b0-c4", "a0-b1-c0"),
        points.subList(0, 6));
    assertEquals("a4-b4-c4", points.get(124));
    // the seed does not matter without shuffling
    assertEquals(points, all(GridSearcher.of(new Cube(), new GridConfig(1000, false), 5)));
  }

  @Test
  void shuffledGridsDifferBySeedButCoverTheSamePoints() {
    List<String> a = all(GridSearcher.of(new Cube(), 1));
    List<String> b = all(GridSearcher.of(new Cube(), 2));
    assertNotEquals(a, b);
    assertEquals(Set.copyOf(a), Set.copyOf(b));
  }

  @Test
  void refusesAGridLargerThanTheLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridSearcher.of(new Nb201Space(), new GridConfig(1000, true), 1));
    assertEquals("grid of 15,625 points exceeds the limit of 1,000; raise grid.limit or choose another strategy",
        e.getMessage());
    assertEquals(15_625, GridSearcher.of(new Nb201Space(), new GridConfig(15_625, true), 1).size());
  }

  @Test
  void refusesASpaceWithoutCategoricalDecisions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Strategies.create("grid", new Continuous(), 1, Direction.MAXIMIZE));
    assertEquals("grid search needs a finite space of categorical decisions; space 'line' has a continuous or "
        + "unbounded dimension; give it a step or choose another strategy", e.getMessage());
  }

  @Test
  void configIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridConfig(0, true));
    assertEquals("grid.limit must be in 1..2147483639, got 0", e.getMessage());
  }

  @Test
  void restoreHalfWayThroughAShuffledGridContinuesIt() {
    GridSearcher original = GridSearcher.of(new Cube(), 8);
    for (long t = 1; t <= 50; t++) {
      original.ask(TrialId.of(t));
    }
    GridSearcher restored = GridSearcher.of(new Cube(), 3);
    restored.restore(original.snapshot());
    assertEquals(50, restored.proposed());
    assertFalse(restored.isExhausted());
    for (long t = 51; t <= 125; t++) {
      assertEquals(original.ask(TrialId.of(t)), restored.ask(TrialId.of(t)));
    }
    assertTrue(restored.isExhausted());
  }

  /** A space of one real number: no grid. */
  private record Continuous() implements SearchSpace<Continuous.X> {
    record X(double x) implements Candidate {
      @Override
      public String canonical() {
        return "x=" + x;
      }
    }

    @Override
    public String name() {
      return "line";
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public OptionalLong finiteSize() {
      return OptionalLong.empty();
    }

    @Override
    public X sample(SearchRandom random) {
      return new X(random.nextDouble());
    }

    @Override
    public X parse(String canonical) {
      return new X(Double.parseDouble(canonical.substring(2)));
    }

    @Override
    public X mutate(X candidate, SearchRandom random) {
      return sample(random);
    }
  }
}
