package org.nautilus.nas.search;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CategoricalSpace;
import org.nautilus.nas.space.SearchSpace;

/** Draws a uniformly random candidate that has not been proposed yet; shared by the searchers that deduplicate. */
public final class FreshCandidates {
  /** Rejection-sampling draws before the unproposed candidates are enumerated instead. */
  private static final int REJECTION_DRAWS = 1_000;
  /** Largest space enumerated when rejection sampling keeps hitting proposed candidates. */
  private static final long ENUMERATION_LIMIT = 1_000_000;

  private FreshCandidates() {}

  /**
   * A candidate of {@code space} whose canonical string is not in {@code proposed}, uniform among them;
   * empty if none can be found (every candidate proposed, or a huge space with no luck).
   */
  public static <C extends Candidate> Optional<C> draw(SearchSpace<C> space, Set<String> proposed, SearchRandom random) {
    OptionalLong size = space.finiteSize();
    if (size.isPresent() && proposed.size() >= size.getAsLong()) {
      return Optional.empty();
    }
    for (int i = 0; i < REJECTION_DRAWS; i++) {
      C candidate = space.sample(random);
      if (!proposed.contains(candidate.canonical())) {
        return Optional.of(candidate);
      }
    }
    Optional<CategoricalSpace<C>> grid = space.asCategorical();
    if (size.isEmpty() || size.getAsLong() > ENUMERATION_LIMIT || grid.isEmpty()) {
      return Optional.empty();
    }
    long fresh = size.getAsLong() - proposed.size();
    long pick = random.nextInt((int) fresh);
    Iterator<C> it = grid.get().enumerate();
    while (it.hasNext()) {
      C candidate = it.next();
      if (!proposed.contains(candidate.canonical()) && pick-- == 0) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
