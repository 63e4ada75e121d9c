package org.nautilus.actors.api;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;
import org.nautilus.nas.search.Direction;

/**
 * What a search run through {@link Nautilus#run} ended with.
 *
 * @param state every trial, as the journal holds it
 * @param objective the metric optimized
 * @param direction its direction
 * @param journal where the search is journaled
 */
public record SearchResult(SearchState state, String objective, Direction direction, Path journal) {
  public SearchResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(journal, "journal");
  }

  /** The completed trial with the best objective (the lowest trial id among equals). */
  public Optional<TrialRecord> best() {
    return state.trials(TrialStatus.COMPLETED).stream()
        .filter(t -> t.metric(objective).filter(Double::isFinite).isPresent())
        .max(Comparator.comparingDouble((TrialRecord t) -> direction.score(t.metric(objective).get()))
            .thenComparing(TrialRecord::trial, Comparator.reverseOrder()));
  }
}
