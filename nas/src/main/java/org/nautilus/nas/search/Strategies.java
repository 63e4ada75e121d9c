package org.nautilus.nas.search;

import java.util.List;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.search.grid.GridSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.search.reinforce.ReinforceSearcher;
import org.nautilus.nas.space.SearchSpace;

/** Creates a searcher from a strategy's name, as spec files and the CLI name them. */
public final class Strategies {
  private Strategies() {}

  /** The strategy names {@link #create} accepts. */
  public static List<String> names() {
    return List.of("random", "grid", "evolution", "reinforce", "gp");
  }

  /**
   * A searcher of the named strategy with its default settings: {@code random} deduplicating;
   * {@code grid} shuffled by the seed, up to {@link org.nautilus.nas.search.grid.GridConfig#DEFAULT_LIMIT}
   * points; {@code evolution} with {@link org.nautilus.nas.search.evolution.EvolutionConfig#defaults()};
   * {@code reinforce} with {@link org.nautilus.nas.search.reinforce.ReinforceConfig#defaults()}; {@code gp}
   * with {@link org.nautilus.nas.search.bayes.GpBayesConfig#defaults()} (one-hot encoding for a space with
   * a continuous dimension).
   *
   * @throws IllegalArgumentException naming the accepted strategies if {@code name} is unknown, or
   *     saying why the strategy cannot search {@code space}
   */
  public static Searcher create(String name, SearchSpace<?> space, long seed, Direction direction) {
    switch (name) {
      case "random":
        return RandomSearcher.of(space, seed);
      case "grid":
        return GridSearcher.of(space, seed);
      case "evolution":
        return RegularizedEvolutionSearcher.of(space, direction, seed);
      case "reinforce":
        return ReinforceSearcher.of(space, direction, seed);
      case "gp":
        return GpBayesSearcher.of(space, direction, seed);
      default:
        throw new IllegalArgumentException("unknown strategy '" + name + "', expected one of "
            + String.join(", ", names()));
    }
  }
}
