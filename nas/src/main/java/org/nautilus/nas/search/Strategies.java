package org.nautilus.nas.search;

import java.util.List;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.SearchSpace;

/** Creates a searcher from a strategy's name, as spec files and the CLI name them. */
public final class Strategies {
  private Strategies() {}

  /** The strategy names {@link #create} accepts. */
  public static List<String> names() {
    return List.of("random");
  }

  /**
   * A searcher of the named strategy with its default settings.
   *
   * @throws IllegalArgumentException naming the accepted strategies if {@code name} is unknown, or
   *     saying why the strategy cannot search {@code space}
   */
  public static Searcher create(String name, SearchSpace<?> space, long seed, Direction direction) {
    switch (name) {
      case "random":
        return RandomSearcher.of(space, seed);
      default:
        throw new IllegalArgumentException("unknown strategy '" + name + "', expected one of "
            + String.join(", ", names()));
    }
  }
}
