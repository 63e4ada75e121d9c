package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nautilus.nas.search.SearchRandom;

class DartsSpaceTest {
  private static final String DARTS_V2 = "normal=[sep_conv_3x3~0,sep_conv_3x3~1|sep_conv_3x3~0,sep_conv_3x3~1"
      + "|sep_conv_3x3~1,skip_connect~0|skip_connect~0,dil_conv_3x3~2]+reduce=[max_pool_3x3~0,max_pool_3x3~1"
      + "|max_pool_3x3~1,skip_connect~2|max_pool_3x3~0,skip_connect~2|max_pool_3x3~1,skip_connect~2]";

  private final DartsSpace space = DartsSpace.standard();

  @Test
  void canonicalStringPutsTheLowerInputFirstAndRoundTrips() {
    DartsCell cell = space.parse(DARTS_V2);
    assertEquals(DartsNode.of(DartsOp.SKIP_CONNECT, 0, DartsOp.SEP_CONV_3X3, 1), cell.normal().get(2));
    String canonical = cell.canonical();
    assertTrue(canonical.contains("|skip_connect~0,sep_conv_3x3~1|"), canonical);
    assertEquals(DARTS_V2.replace("sep_conv_3x3~1,skip_connect~0", "skip_connect~0,sep_conv_3x3~1"), canonical);
    assertEquals(cell, space.parse(canonical));
    assertEquals(canonical, space.parse(canonical).canonical());
  }

  @Test
  void decisionsUseOnePairDecisionPerNodeWithGrowingCardinality() {
    assertArrayEquals(new int[] {1, 8, 8, 3, 8, 8, 6, 8, 8, 10, 8, 8, 1, 8, 8, 3, 8, 8, 6, 8, 8, 10, 8, 8},
        space.cardinalities());
    assertEquals("normal_n4_inputs", space.decisionNames().get(6));
    DartsCell cell = space.parse(DARTS_V2);
    int[] d = space.decisions(cell);
    // normal node 3 (j=1) reads (0,1) -> pair 0; node 5 (j=3) reads (0,2) -> pair 1; sep_conv_3x3 is op 2
    assertArrayEquals(new int[] {0, 2, 2, 0, 2, 2}, java.util.Arrays.copyOfRange(d, 0, 6));
    assertArrayEquals(new int[] {1, 1, 4}, java.util.Arrays.copyOfRange(d, 9, 12));
    assertEquals(cell, space.fromDecisions(d));
    assertEquals(180L * 180 * (long) Math.pow(8, 16), space.size());
    assertEquals(space.size(), space.finiteSize().getAsLong());
  }

  @Test
  void everyPairOfTheLastNodeIsReachableAndDistinct() {
    Set<String> pairs = new HashSet<>();
    int[] d = space.decisions(space.parse(DARTS_V2));
    for (int p = 0; p < 10; p++) {
      d[9] = p;
      DartsNode node = space.fromDecisions(d).normal().get(3);
      assertTrue(node.inputA() < node.inputB() && node.inputB() <= 4, node.toString());
      pairs.add(node.inputA() + "," + node.inputB());
    }
    assertEquals(10, pairs.size());
  }

  @Test
  void samplingAndMutationStayInTheSpace() {
    SearchRandom random = SearchRandom.of(3);
    DartsSpace small = DartsSpace.of(2, List.of(DartsOp.SKIP_CONNECT, DartsOp.SEP_CONV_3X3));
    assertEquals((1 * 4 * 3 * 4) * (1 * 4 * 3 * 4), small.size());
    Set<DartsCell> seen = new HashSet<>();
    for (int i = 0; i < 40_000; i++) {
      DartsCell cell = small.sample(random);
      seen.add(cell);
      if (i % 20 == 0) {
        assertEquals(cell, small.parse(cell.canonical()));
        DartsCell mutated = small.mutate(cell, random);
        assertNotEquals(cell, mutated);
        assertTrue(small.neighbours(cell).contains(mutated));
      }
    }
    assertEquals(small.size(), seen.size());
    Set<DartsCell> all = new HashSet<>();
    for (Iterator<DartsCell> it = small.enumerate(); it.hasNext(); ) {
      all.add(it.next());
    }
    assertEquals(seen, all);
  }

  @Test
  void restrictedOpsRejectOtherOps() {
    DartsSpace small = DartsSpace.of(2, List.of(DartsOp.SEP_CONV_3X3, DartsOp.SKIP_CONNECT));
    assertEquals(List.of(DartsOp.SKIP_CONNECT, DartsOp.SEP_CONV_3X3), small.ops());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.parse(
        "normal=[skip_connect~0,max_pool_3x3~1|skip_connect~0,skip_connect~1]"
            + "+reduce=[skip_connect~0,skip_connect~1|skip_connect~0,skip_connect~1]"));
    assertEquals("op 'max_pool_3x3' is not in this DARTS space's ops (skip_connect, sep_conv_3x3)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DartsSpace.of(4, List.of()));
    assertThrows(IllegalArgumentException.class, () -> DartsSpace.of(4, List.of(DartsOp.NONE, DartsOp.NONE)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "\"\";empty DARTS cell string",
      "normal=[skip_connect~0,skip_connect~1];a DARTS cell string is 'normal=[...]+reduce=[...]', got 'normal=[skip_connect~0,skip_connect~1]'",
      "normal=[skip_connect~0,skip_connect~0]+reduce=[skip_connect~0,skip_connect~1];normal node 0 takes two distinct inputs, got 0 twice",
      "normal=[skip_connect~0,skip_connect~2]+reduce=[skip_connect~0,skip_connect~1];normal node 0 input must be in 0..1, got '2'",
      "normal=[skip_connect~0,conv~1]+reduce=[skip_connect~0,skip_connect~1];normal node 0: unknown DARTS op 'conv', expected one of none, skip_connect, sep_conv_3x3, sep_conv_5x5, dil_conv_3x3, dil_conv_5x5, max_pool_3x3, avg_pool_3x3",
      "normal=[skip_connect~0]+reduce=[skip_connect~0,skip_connect~1];normal node 0 must be 'op~i,op~j', got 'skip_connect~0'",
      "normal=skip_connect~0,skip_connect~1+reduce=[skip_connect~0,skip_connect~1];normal cell must look like '[op~i,op~j|...]', got 'skip_connect~0,skip_connect~1'",
      "normal=[skip_connect~0,skip_connect~1]+reduce=[skip_connect0,skip_connect~1];reduce node 0 edge must be 'op~input', got 'skip_connect0'",
  })
  void malformedStringsGiveOneLineErrors(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DartsCell.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void wrongNodeCountIsRejectedBySpace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.parse(
        "normal=[skip_connect~0,skip_connect~1]+reduce=[skip_connect~0,skip_connect~1]"));
    assertTrue(e.getMessage().startsWith("this DARTS space has 4 nodes per cell, got 1"), e.getMessage());
  }
}
