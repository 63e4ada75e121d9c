package org.nautilus.nas.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.SearchRandom;

class HyperparameterSpaceTest {
  private static final HyperparameterSpace CONDITIONAL = HyperparameterSpace.of(
      Dimension.ofCategories("lr", "0.1", "0.01"),
      Dimension.ofCategories("optimizer", "sgd", "momentum", "adam"),
      Dimension.ofFloat("momentum", 0, 0.9, 0.3).when(Condition.of("optimizer", "momentum")),
      Dimension.ofInt("beta", 1, 3, Scale.LINEAR).when(Condition.of("optimizer", "adam")));

  private static List<Configuration> all(CategoricalSpace<Configuration> grid) {
    List<Configuration> out = new ArrayList<>();
    for (Iterator<Configuration> it = grid.enumerate(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void canonicalStringIsSortedActiveOnlyAndRoundTripsDoublesExactly() {
    HyperparameterSpace space = TrainingHyperparameters.space();
    SearchRandom random = SearchRandom.of(7);
    for (int i = 0; i < 2_000; i++) {
      Configuration c = space.sample(random);
      Configuration back = space.parse(c.canonical());
      assertEquals(c, back);
      assertEquals(c.canonical(), back.canonical());
      boolean adam = c.category("optimizer").equals("adam");
      assertEquals(adam, c.get("beta1").isPresent(), c.canonical());
      assertEquals(List.of("momentum", "nesterov", "rmsprop").contains(c.category("optimizer")),
          c.get("momentum").isPresent(), c.canonical());
    }
    Configuration c = Configuration.of(Map.of("optimizer", new ParamValue.Category("adam"),
        "learning_rate", new ParamValue.Real(1e-4), "epochs", new ParamValue.Int(12),
        "dropout", new ParamValue.Real(0.1 + 0.2)));
    assertEquals("dropout=0.30000000000000004;epochs=12;learning_rate=1.0E-4;optimizer=adam", c.canonical());
  }

  @Test
  void logScaleSamplesLogUniformly() {
    Dimension lr = TrainingHyperparameters.byName("learning_rate").orElseThrow();
    SearchRandom random = SearchRandom.of(1);
    int below = 0;
    int n = 4_000;
    for (int i = 0; i < n; i++) {
      double v = lr.sample(random).asDouble();
      assertTrue(v >= 1e-4 && v <= 1, "" + v);
      below += v < 1e-2 ? 1 : 0; // the midpoint of [1e-4, 1] in log space
    }
    assertEquals(0.5, below / (double) n, 0.03);
    IntDimension epochs = Dimension.ofInt("epochs", 1, 100, Scale.LOG);
    int small = 0;
    for (int i = 0; i < n; i++) {
      small += epochs.sample(random).asDouble() < 10 ? 1 : 0; // P = ln(10) / ln(101) = 0.499
    }
    assertEquals(0.499, small / (double) n, 0.03);
  }

  @Test
  void aFiveByFiveByFiveGridHas125DistinctPoints() {
    HyperparameterSpace space = HyperparameterSpace.of(Dimension.ofInt("a", 1, 5, Scale.LINEAR),
        Dimension.ofFloat("b", 0, 1, 0.25), Dimension.ofCategories("c", "v", "w", "x", "y", "z"));
    assertEquals(125, space.size());
    List<Configuration> points = all(space.asCategorical().orElseThrow());
    assertEquals(125, points.size());
    assertEquals(125, new HashSet<>(points).size());
    assertEquals("a=1;b=0.0;c=v", points.get(0).canonical());
    assertEquals("a=5;b=1.0;c=z", points.get(124).canonical());
  }

  @Test
  void conditionalDimensionsAreCountedOnlyWhereActive() {
    assertEquals(2 * (1 + 4 + 3), CONDITIONAL.size());
    CategoricalSpace<Configuration> grid = CONDITIONAL.asCategorical().orElseThrow();
    assertArrayEquals(new int[] {2, 3, 4, 3}, grid.cardinalities());
    List<Configuration> points = all(grid);
    assertEquals(16, points.size());
    assertEquals(16, new HashSet<>(points).size());
    for (Configuration c : points) {
      assertEquals(c, grid.fromDecisions(grid.decisions(c)));
      assertEquals(c, CONDITIONAL.parse(c.canonical()));
    }
    Configuration momentum = CONDITIONAL.parse("lr=0.1;momentum=0.6;optimizer=momentum");
    assertArrayEquals(new int[] {0, 1, 2, 0}, grid.decisions(momentum));
    assertEquals("lr=0.1;optimizer=sgd", grid.fromDecisions(new int[] {0, 0, 3, 2}).canonical());
  }

  @Test
  void neighboursChangeOneActiveDimensionAndActivateChildrenAtTheirFirstValue() {
    Configuration c = CONDITIONAL.parse("lr=0.1;momentum=0.6;optimizer=momentum");
    List<String> n = CONDITIONAL.neighbours(c).stream().map(Configuration::canonical).toList();
    assertEquals(List.of("lr=0.01;momentum=0.6;optimizer=momentum", "lr=0.1;optimizer=sgd",
        "beta=1;lr=0.1;optimizer=adam", "lr=0.1;momentum=0.0;optimizer=momentum",
        "lr=0.1;momentum=0.3;optimizer=momentum", "lr=0.1;momentum=0.9;optimizer=momentum"), n);
    HyperparameterSpace continuous = HyperparameterSpace.of(Dimension.ofFloat("x", 0, 1, Scale.LINEAR));
    assertEquals(List.of("x=0.3", "x=0.45", "x=0.55", "x=0.7"),
        continuous.neighbours(continuous.parse("x=0.5")).stream().map(Configuration::canonical).toList());
    assertEquals(List.of("x=0.05", "x=0.2"), // clipped moves equal to x itself are dropped
        continuous.neighbours(continuous.parse("x=0.0")).stream().map(Configuration::canonical).toList());
  }

  @Test
  void mutationChangesExactlyOneActiveDimension() {
    HyperparameterSpace space = TrainingHyperparameters.space();
    SearchRandom random = SearchRandom.of(9);
    for (int i = 0; i < 2_000; i++) {
      Configuration c = space.sample(random);
      Configuration m = space.mutate(c, random);
      assertNotEquals(c, m);
      assertEquals(m, space.parse(m.canonical()));
      Set<String> changed = new HashSet<>();
      for (String name : new java.util.TreeSet<>(c.values().keySet())) {
        if (m.values().containsKey(name) && !m.values().get(name).equals(c.values().get(name))) {
          changed.add(name);
        }
      }
      if (!m.category("optimizer").equals(c.category("optimizer"))) {
        assertEquals(Set.of("optimizer"), changed, c + " -> " + m);
      } else {
        assertEquals(1, changed.size(), c + " -> " + m);
        assertEquals(c.values().keySet(), m.values().keySet());
      }
    }
    Configuration fixed = HyperparameterSpace.of(Dimension.ofCategories("only", "one")).parse("only=one");
    assertThrows(IllegalStateException.class,
        () -> HyperparameterSpace.of(Dimension.ofCategories("only", "one")).mutate(fixed, random));
  }

  @Test
  void mutationOfADiscreteDimensionAlwaysMovesAtLeastOneStep() {
    HyperparameterSpace space = HyperparameterSpace.of(Dimension.ofInt("n", 1, 1000, Scale.LINEAR));
    SearchRandom random = SearchRandom.of(4);
    Configuration c = space.parse("n=500");
    for (int i = 0; i < 500; i++) {
      assertNotEquals(c, space.mutate(c, random));
    }
    Configuration top = space.parse("n=1000");
    assertTrue(space.mutate(top, random).number("n") < 1000);
  }

  @Test
  void infiniteSpacesSaySo() {
    HyperparameterSpace space = TrainingHyperparameters.space();
    assertTrue(space.finiteSize().isEmpty());
    assertTrue(space.asCategorical().isEmpty());
    assertEquals(Long.MAX_VALUE, space.size());
    assertFalse(CONDITIONAL.finiteSize().isEmpty());
  }

  @Test
  void parseAndConstructionErrorsAreSpecific() {
    assertEquals("hyperparameter 'momentum' is inactive here (it needs optimizer in [momentum])",
        assertThrows(IllegalArgumentException.class,
            () -> CONDITIONAL.parse("lr=0.1;momentum=0.3;optimizer=sgd")).getMessage());
    assertEquals("missing hyperparameter 'beta'", assertThrows(IllegalArgumentException.class,
        () -> CONDITIONAL.parse("lr=0.1;optimizer=adam")).getMessage());
    assertEquals("unknown hyperparameter 'lt', expected one of beta, lr, momentum, optimizer",
        assertThrows(IllegalArgumentException.class, () -> CONDITIONAL.parse("lt=0.1")).getMessage());
    assertEquals("momentum must be 0.0 + i * 0.3, got 0.5", assertThrows(IllegalArgumentException.class,
        () -> CONDITIONAL.parse("lr=0.1;momentum=0.5;optimizer=momentum")).getMessage());
    assertEquals("lr: low must be > 0 for log scale, got -0.1", assertThrows(IllegalArgumentException.class,
        () -> Dimension.ofFloat("lr", -0.1, 1, Scale.LOG)).getMessage());
    assertEquals("m depends on 'opt', which must be a categorical hyperparameter declared before it",
        assertThrows(IllegalArgumentException.class, () -> HyperparameterSpace.of(
            Dimension.ofFloat("m", 0, 1, Scale.LINEAR).when(Condition.of("opt", "sgd")))).getMessage());
    TreeMap<String, ParamValue> none = new TreeMap<>();
    assertEquals("", new Configuration(none).canonical());
  }
}
