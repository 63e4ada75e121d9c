package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.SearchRandom;

class Nb201SpaceTest {
  private final Nb201Space space = new Nb201Space();

  @Test
  void decisionsRoundTripAndTheirProductIsTheSpaceSize() {
    long product = 1;
    for (int size : space.cardinalities()) {
      product *= size;
    }
    assertEquals(space.size(), product);
    Nb201Cell cell = Nb201Cell.ofIndex(9_876);
    assertEquals(cell, space.fromDecisions(space.decisions(cell)));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0}, space.decisions(Nb201Cell.of(Nb201Op.NONE,
        Nb201Op.SKIP_CONNECT, Nb201Op.NOR_CONV_1X1, Nb201Op.NOR_CONV_3X3, Nb201Op.AVG_POOL_3X3, Nb201Op.NONE)));
    assertThrows(IllegalArgumentException.class, () -> space.fromDecisions(new int[] {0, 0, 0, 0, 0, 5}));
  }

  @Test
  void neighboursAreTheTwentyFourSingleEdgeChanges() {
    Nb201Cell cell = Nb201Cell.ofIndex(4_242);
    List<Nb201Cell> neighbours = space.neighbours(cell);
    assertEquals(6 * 4, neighbours.size());
    assertEquals(24, new HashSet<>(neighbours).size());
    for (Nb201Cell n : neighbours) {
      int differing = 0;
      for (int e = 0; e < Nb201Cell.EDGES; e++) {
        differing += n.edges().get(e) == cell.edges().get(e) ? 0 : 1;
      }
      assertEquals(1, differing, n.canonical());
    }
  }

  @Test
  void mutationChangesExactlyOneEdgeAndReachesEveryNeighbour() {
    Nb201Cell cell = Nb201Cell.ofIndex(100);
    SearchRandom random = SearchRandom.of(5);
    HashSet<Nb201Cell> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      Nb201Cell mutated = space.mutate(cell, random);
      assertNotEquals(cell, mutated);
      seen.add(mutated);
    }
    assertEquals(new HashSet<>(space.neighbours(cell)), seen);
  }
}
