package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.SearchRandom;

class JointSpaceTest {
  private static final String CELL = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";

  @Test
  void canonicalStringIsCellThenSemicolonThenHyperparametersAndRoundTrips() {
    JointSpace<Nb201Cell> space = JointSpace.of(new Nb201Space(), TrainingHyperparameters.space());
    assertEquals("nb201+hyperparameters", space.name());
    SearchRandom random = SearchRandom.of(5);
    for (int i = 0; i < 500; i++) {
      CellWithHyperparameters<Nb201Cell> c = space.sample(random);
      assertEquals(c, space.parse(c.canonical()));
      assertTrue(c.canonical().startsWith(c.cell().canonical() + ";activation="), c.canonical());
      CellWithHyperparameters<Nb201Cell> m = space.mutate(c, random);
      assertNotEquals(c, m);
      assertTrue(m.cell().equals(c.cell()) || m.hyperparameters().equals(c.hyperparameters()));
    }
    assertTrue(space.finiteSize().isEmpty());
    assertTrue(space.asCategorical().isEmpty());
  }

  @Test
  void dartsCellsWithHyperparametersSplitAtTheFirstSemicolon() {
    JointSpace<DartsCell> space = JointSpace.of(DartsSpace.of(1, DartsOp.builtIns()),
        HyperparameterSpace.of(Dimension.ofFloat("lr", 1e-3, 1, Scale.LOG)));
    String s = "normal=[sep_conv_3x3~0,skip_connect~1]+reduce=[max_pool_3x3~0,none~1];lr=0.001";
    assertEquals(s, space.parse(s).canonical());
    assertEquals(1e-3, space.parse(s).hyperparameters().number("lr"));
  }

  @Test
  void finiteJointSpaceIsCategoricalAndEnumeratesEveryPointOnce() {
    Nb201Space cells = Nb201Space.withOps(List.of(Nb201Op.NONE, Nb201Op.NOR_CONV_3X3));
    HyperparameterSpace hps = HyperparameterSpace.of(Dimension.ofCategories("opt", "sgd", "adam"),
        Dimension.ofInt("beta", 1, 3, Scale.LINEAR).when(Condition.of("opt", "adam")));
    JointSpace<Nb201Cell> space = JointSpace.of(cells, hps);
    assertEquals(64 * 4, space.size());
    CategoricalSpace<CellWithHyperparameters<Nb201Cell>> grid = space.asCategorical().orElseThrow();
    assertEquals(8, grid.cardinalities().length);
    assertEquals("opt", grid.decisionNames().get(6));
    Set<CellWithHyperparameters<Nb201Cell>> seen = new HashSet<>();
    int n = 0;
    for (Iterator<CellWithHyperparameters<Nb201Cell>> it = grid.enumerate(); it.hasNext(); n++) {
      CellWithHyperparameters<Nb201Cell> c = it.next();
      seen.add(c);
      assertEquals(c, grid.fromDecisions(grid.decisions(c)));
    }
    assertEquals(256, n);
    assertEquals(256, seen.size());
    CellWithHyperparameters<Nb201Cell> c = space.parse(
        "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|;beta=2;opt=adam");
    assertEquals(6 + 1 + 2, space.neighbours(c).size());
    assertTrue(space.parse(CELL.replace("avg_pool_3x3", "none").replace("skip_connect", "none")
        .replace("nor_conv_1x1", "none") + ";opt=sgd").hyperparameters().get("beta").isEmpty());
  }
}
