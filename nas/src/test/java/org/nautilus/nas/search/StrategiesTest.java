package org.nautilus.nas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.search.grid.GridSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.search.reinforce.ReinforceSearcher;
import org.nautilus.nas.space.Nb201Space;

class StrategiesTest {
  @Test
  void createsEveryNamedStrategy() {
    assertEquals(List.of("random", "grid", "evolution", "reinforce", "gp"), Strategies.names());
    Nb201Space space = new Nb201Space();
    assertInstanceOf(RandomSearcher.class, Strategies.create("random", space, 1, Direction.MAXIMIZE));
    assertInstanceOf(GridSearcher.class, Strategies.create("grid", space, 1, Direction.MAXIMIZE));
    assertInstanceOf(RegularizedEvolutionSearcher.class, Strategies.create("evolution", space, 1, Direction.MINIMIZE));
    assertInstanceOf(ReinforceSearcher.class, Strategies.create("reinforce", space, 1, Direction.MINIMIZE));
    assertInstanceOf(GpBayesSearcher.class, Strategies.create("gp", space, 1, Direction.MAXIMIZE));
  }

  @Test
  void unknownStrategyNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Strategies.create("bayes", new Nb201Space(), 1, Direction.MAXIMIZE));
    assertEquals("unknown strategy 'bayes', expected one of random, grid, evolution, reinforce, gp", e.getMessage());
  }
}
