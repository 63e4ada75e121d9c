package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.SearchRandom;

class Nb201OpSubsetTest {
  @Test
  void defaultSpaceSamplesExactlyAsBefore() {
    Nb201Space space = new Nb201Space();
    SearchRandom a = SearchRandom.of(11);
    SearchRandom b = SearchRandom.of(11);
    for (int i = 0; i < 100; i++) {
      assertEquals(Nb201Cell.ofIndex(a.nextInt(Nb201Space.SIZE)), space.sample(b));
    }
    assertEquals(Nb201Space.SIZE, space.size());
  }

  @Test
  void restrictedSpaceHasKToTheSixCellsAndOnlyItsOps() {
    Nb201Space space = Nb201Space.withOps(List.of(Nb201Op.NOR_CONV_3X3, Nb201Op.SKIP_CONNECT, Nb201Op.NONE));
    assertEquals(List.of(Nb201Op.NONE, Nb201Op.SKIP_CONNECT, Nb201Op.NOR_CONV_3X3), space.ops());
    assertEquals(729, space.size());
    Set<Nb201Cell> seen = new HashSet<>();
    SearchRandom random = SearchRandom.of(2);
    for (int i = 0; i < 20_000; i++) {
      Nb201Cell cell = space.sample(random);
      assertTrue(space.ops().containsAll(cell.edges()), cell.canonical());
      seen.add(cell);
    }
    assertEquals(729, seen.size());
    Nb201Cell cell = space.parse("|none~0|+|skip_connect~0|nor_conv_3x3~1|+|none~0|none~1|skip_connect~2|");
    assertEquals(12, space.neighbours(cell).size());
    assertNotEquals(cell, space.mutate(cell, random));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> space.parse("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    assertEquals("op 'avg_pool_3x3' is not in this NAS-Bench-201 space's ops (none, skip_connect, nor_conv_3x3)",
        e.getMessage());
  }

  @Test
  void aSingleOpSpaceCannotMutate() {
    Nb201Space space = Nb201Space.withOps(List.of(Nb201Op.SKIP_CONNECT));
    assertEquals(1, space.size());
    Nb201Cell only = space.sample(SearchRandom.of(1));
    assertThrows(IllegalStateException.class, () -> space.mutate(only, SearchRandom.of(1)));
    assertEquals(List.of(), space.neighbours(only));
  }
}
