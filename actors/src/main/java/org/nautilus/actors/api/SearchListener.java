package org.nautilus.actors.api;

import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.state.SearchState;

/**
 * Observes a running search. Called on the supervisor's thread after each event is journaled, with
 * the state that includes it; implementations must return quickly and must not keep {@code state},
 * which the supervisor goes on changing.
 */
@FunctionalInterface
public interface SearchListener {
  void onEvent(Envelope envelope, SearchState state);

  /** A listener that ignores everything. */
  static SearchListener none() {
    return (envelope, state) -> {};
  }
}
