package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nb201CellTest {
  private static final String BENCHMARK_EXAMPLE =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  @Test
  void parsesTheBenchmarksOwnStringIntoEdgeOrder() {
    Nb201Cell cell = Nb201Cell.parse(BENCHMARK_EXAMPLE);
    assertEquals(Nb201Cell.of(Nb201Op.NOR_CONV_3X3, Nb201Op.NOR_CONV_3X3, Nb201Op.AVG_POOL_3X3,
        Nb201Op.SKIP_CONNECT, Nb201Op.NOR_CONV_3X3, Nb201Op.SKIP_CONNECT), cell);
    assertEquals(Nb201Op.AVG_POOL_3X3, cell.op(2, 1));
    assertEquals(Nb201Op.SKIP_CONNECT, cell.op(3, 2));
    assertEquals(BENCHMARK_EXAMPLE, cell.canonical());
  }

  @Test
  void everyIndexRoundTripsThroughStringAndIndex() {
    Set<String> strings = new HashSet<>();
    for (int i = 0; i < Nb201Space.SIZE; i++) {
      Nb201Cell cell = Nb201Cell.ofIndex(i);
      assertEquals(i, cell.index());
      assertEquals(cell, Nb201Cell.parse(cell.canonical()));
      strings.add(cell.canonical());
    }
    assertEquals(15_625, strings.size());
  }

  @Test
  void edgeEndpointsFollowTheBenchmarkOrder() {
    int[][] expected = {{1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {3, 2}};
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      assertEquals(expected[e][0], Nb201Cell.targetNode(e), "target of edge " + e);
      assertEquals(expected[e][1], Nb201Cell.sourceNode(e), "source of edge " + e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|",
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|",
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~2|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
      "|conv_7x7~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
      "nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"})
  void rejectsMalformedStrings(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(text));
    assertTrue(e.getMessage().length() > 10 && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void unknownOpNamesTheAcceptedOps() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Op.ofLabel("conv_7x7"));
    assertEquals("unknown NAS-Bench-201 op 'conv_7x7', expected one of none, skip_connect, nor_conv_1x1, "
        + "nor_conv_3x3, avg_pool_3x3", e.getMessage());
  }

  @Test
  void rejectsOutOfRangeIndex() {
    assertThrows(IllegalArgumentException.class, () -> Nb201Cell.ofIndex(15_625));
    assertThrows(IllegalArgumentException.class, () -> Nb201Cell.ofIndex(-1));
  }
}
