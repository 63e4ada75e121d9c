package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.encode.DartsOneHotEncoder;
import org.nautilus.nas.encode.Nb201AdjacencyEncoder;
import org.nautilus.nas.encode.Nb201OneHotEncoder;
import org.nautilus.nas.encode.Nb201PathEncoder;
import org.nautilus.nas.search.SearchRandom;

class CustomOpsTest {
  private static final Nb201Op MY_OP = Nb201Op.custom("my_op");

  private static Nb201Space extended() {
    List<Nb201Op> ops = new ArrayList<>(Nb201Op.builtIns());
    ops.add(MY_OP);
    return Nb201Space.withOps(ops);
  }

  @Test
  void customOpsAreValuesByLabelAndBuiltInsAreTheConstants() {
    assertEquals(Nb201Op.custom("my_op"), MY_OP);
    assertEquals(MY_OP.hashCode(), Nb201Op.of("my_op").hashCode());
    assertFalse(MY_OP.isBuiltIn());
    assertSame(Nb201Op.NOR_CONV_3X3, Nb201Op.of("nor_conv_3x3"));
    assertTrue(Nb201Op.NONE.isBuiltIn());
    assertEquals(5, Nb201Op.builtIns().size());
    assertEquals(8, DartsOp.builtIns().size());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Nb201Op.ofLabel("my_op"));
    assertTrue(unknown.getMessage().startsWith("unknown NAS-Bench-201 op 'my_op'"), unknown.getMessage());
  }

  @Test
  void anInvalidCustomLabelIsAClearError() {
    for (String bad : new String[] {"My_Op", "1op", "", "my-op", "my op", "_op"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Op.custom(bad));
      assertTrue(e.getMessage().startsWith("invalid NAS-Bench-201 op label '" + bad + "'"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> DartsOp.custom(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> Nb201Op.custom(null));
    IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class, () -> Nb201Op.custom("none"));
    assertEquals("'none' is a built-in NAS-Bench-201 op, not a custom one", builtIn.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DartsOp.custom("sep_conv_3x3"));
  }

  @Test
  void anExtendedNb201SpaceSamplesParsesAndPrintsCellsWithTheCustomOp() {
    Nb201Space space = extended();
    assertEquals(6L * 6 * 6 * 6 * 6 * 6, space.size());
    assertEquals(MY_OP, space.ops().get(5));
    assertArrayEquals(new int[] {6, 6, 6, 6, 6, 6}, space.cardinalities());
    Set<Nb201Cell> seen = new HashSet<>();
    SearchRandom random = SearchRandom.of(3);
    boolean sawCustom = false;
    for (int i = 0; i < 2_000; i++) {
      Nb201Cell cell = space.sample(random);
      sawCustom |= cell.edges().contains(MY_OP);
      assertEquals(cell, space.parse(cell.canonical()));
      assertEquals(cell, space.fromDecisions(space.decisions(cell)));
      seen.add(cell);
    }
    assertTrue(sawCustom);
    assertTrue(seen.size() > 1_500);

    String text = "|my_op~0|+|nor_conv_3x3~0|my_op~1|+|skip_connect~0|none~1|my_op~2|";
    Nb201Cell cell = space.parse(text);
    assertEquals(text, cell.canonical());
    assertEquals(text, Nb201Cell.parse(text, space.ops()).canonical());
    assertArrayEquals(new int[] {5, 3, 5, 1, 0, 5}, space.decisions(cell));
    assertEquals(cell, space.fromDecisions(new int[] {5, 3, 5, 1, 0, 5}));

    // the plain parser and the default space know only the built-ins
    IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(text));
    assertTrue(plain.getMessage().contains("unknown NAS-Bench-201 op 'my_op'"), plain.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Nb201Space().parse(text));
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> new Nb201Space().decisions(cell));
    assertTrue(outside.getMessage().contains("op 'my_op' is not in this NAS-Bench-201 space's ops"), outside.getMessage());
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> space.parse("|my_opp~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    assertTrue(typo.getMessage().contains("unknown NAS-Bench-201 op 'my_opp'")
        && typo.getMessage().contains("my_op"), typo.getMessage());

    // index() is defined over built-in cells only
    IllegalArgumentException index = assertThrows(IllegalArgumentException.class, cell::index);
    assertTrue(index.getMessage().contains("custom op 'my_op'"), index.getMessage());
    Nb201Cell builtIn = space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|avg_pool_3x3~2|");
    assertEquals(builtIn, Nb201Cell.ofIndex(builtIn.index()));
  }

  @Test
  void extendingKeepsTheBuiltInDecisionsAndDrawsOfASubset() {
    Nb201Space restricted = Nb201Space.withOps(List.of(Nb201Op.SKIP_CONNECT, Nb201Op.NONE));
    Nb201Space extendedSubset = Nb201Space.withOps(List.of(Nb201Op.custom("zeta"), Nb201Op.SKIP_CONNECT,
        Nb201Op.custom("alpha"), Nb201Op.NONE));
    assertEquals(List.of(Nb201Op.NONE, Nb201Op.SKIP_CONNECT, Nb201Op.custom("zeta"), Nb201Op.custom("alpha")),
        extendedSubset.ops());
    Nb201Cell cell = restricted.parse("|none~0|+|skip_connect~0|none~1|+|none~0|none~1|skip_connect~2|");
    assertArrayEquals(restricted.decisions(cell), extendedSubset.decisions(cell));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Nb201Space.withOps(List.of(MY_OP, Nb201Op.NONE, Nb201Op.custom("my_op"))));
    assertTrue(twice.getMessage().contains("must be distinct"), twice.getMessage());
  }

  @Test
  void neighboursAndEnumerationIncludeTheCustomOp() {
    Nb201Space space = Nb201Space.withOps(List.of(Nb201Op.NONE, MY_OP));
    assertEquals(64, space.size());
    Nb201Cell cell = space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
    List<Nb201Cell> neighbours = space.neighbours(cell);
    assertEquals(6, neighbours.size());
    for (Nb201Cell n : neighbours) {
      assertEquals(1, n.edges().stream().filter(MY_OP::equals).count(), n.canonical());
    }
    Set<Nb201Cell> all = new HashSet<>();
    for (Iterator<Nb201Cell> it = space.enumerate(); it.hasNext();) {
      all.add(it.next());
    }
    assertEquals(64, all.size());
    assertTrue(all.contains(Nb201Cell.of(MY_OP, MY_OP, MY_OP, MY_OP, MY_OP, MY_OP)));

    Nb201Space full = extended();
    assertEquals(6 * 5, full.neighbours(full.parse("|my_op~0|+|none~0|none~1|+|none~0|none~1|none~2|")).size());
  }

  @Test
  void encodersAreOneHotOverTheSpacesOps() {
    Nb201Space space = extended();
    Nb201Cell cell = space.parse("|my_op~0|+|nor_conv_3x3~0|my_op~1|+|skip_connect~0|none~1|my_op~2|");
    Nb201OneHotEncoder oneHot = new Nb201OneHotEncoder(space);
    assertEquals(36, oneHot.featureNames().size());
    assertTrue(oneHot.featureNames().contains("edge_1<-0:my_op"));
    double[] v = oneHot.encode(cell);
    assertEquals(1.0, v[oneHot.featureNames().indexOf("edge_1<-0:my_op")]);
    assertEquals(6.0, java.util.Arrays.stream(v).sum());
    Nb201AdjacencyEncoder adjacency = new Nb201AdjacencyEncoder(space);
    assertEquals(adjacency.featureNames().size(), adjacency.encode(cell).length);
    assertTrue(adjacency.featureNames().contains("edge_1<-0:my_op"));
    Nb201PathEncoder path = new Nb201PathEncoder(space);
    assertEquals(5 + 25 + 125, path.featureNames().size());
    double[] p = path.encode(cell);
    assertEquals(1.0, p[path.featureNames().indexOf("my_op>my_op>my_op")]);
    assertEquals(1.0, p[path.featureNames().indexOf("skip_connect")]);
  }

  @Test
  void anExtendedDartsSpaceWorksLikeABuiltInOne() {
    DartsOp mine = DartsOp.custom("my_op");
    List<DartsOp> ops = new ArrayList<>(DartsOp.builtIns());
    ops.add(mine);
    DartsSpace space = DartsSpace.of(2, ops);
    assertEquals(9, space.ops().size());
    assertEquals(mine, space.ops().get(8));
    // 2 nodes: C(2,2) * 9 * 9 * C(3,2) * 9 * 9 per cell, two cells
    long perCell = 1L * 81 * 3 * 81;
    assertEquals(perCell * perCell, space.size());
    SearchRandom random = SearchRandom.of(5);
    boolean sawCustom = false;
    for (int i = 0; i < 500; i++) {
      DartsCell cell = space.sample(random);
      sawCustom |= cell.canonical().contains("my_op");
      assertEquals(cell, space.parse(cell.canonical()));
      assertEquals(cell, space.fromDecisions(space.decisions(cell)));
    }
    assertTrue(sawCustom);
    String text = "normal=[my_op~0,sep_conv_3x3~1|skip_connect~0,my_op~2]+reduce=[max_pool_3x3~0,my_op~1|none~1,my_op~2]";
    DartsCell cell = space.parse(text);
    assertEquals(text, cell.canonical());
    assertThrows(IllegalArgumentException.class, () -> DartsCell.parse(text));
    assertEquals(cell, DartsCell.parse(text, space.ops()));
    assertThrows(IllegalArgumentException.class, () -> DartsSpace.of(2, DartsOp.builtIns()).parse(text));
    assertTrue(space.neighbours(cell).stream().anyMatch(n -> !n.canonical().contains("my_op~0,")));

    DartsSpace small = DartsSpace.of(1, List.of(DartsOp.NONE, mine));
    Set<DartsCell> all = new HashSet<>();
    small.enumerate().forEachRemaining(all::add);
    assertEquals(16, all.size());
    assertTrue(all.contains(small.parse("normal=[my_op~0,my_op~1]+reduce=[my_op~0,none~1]")));

    DartsOneHotEncoder encoder = new DartsOneHotEncoder(space);
    assertEquals(2 * (2 + 3) * 9, encoder.featureNames().size());
    assertTrue(encoder.featureNames().contains("normal_n2<-0:my_op"));
    assertEquals(1.0, encoder.encode(cell)[encoder.featureNames().indexOf("normal_n2<-0:my_op")]);
  }
}
