package org.nautilus.actors.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * A searcher kept recoverable: it holds the searcher's last snapshot and the calls made since, and
 * when the searcher throws, restores the snapshot and replays those calls, so the searcher is back
 * in the state it had before the failed call. Deterministic searchers make the replay exact; a
 * replayed proposal that differs is itself a failure.
 */
final class GuardedSearcher {
  /** A call made on the searcher since the last snapshot. */
  private sealed interface Call {}

  private record Ask(TrialId trial, String canonical) implements Call {}

  private record Tell(Outcome outcome) implements Call {}

  /** The searcher threw; it has been restored to its state before the call, when {@code restored}. */
  static final class SearcherFault extends Exception {
    private final boolean restored;

    SearcherFault(String message, RuntimeException cause, boolean restored) {
      super(message, cause);
      this.restored = restored;
    }

    boolean restored() {
      return restored;
    }
  }

  private final Searcher searcher;
  private byte[] snapshot;
  private final List<Call> since = new ArrayList<>();

  GuardedSearcher(Searcher searcher) {
    this.searcher = searcher;
    this.snapshot = searcher.snapshot();
  }

  Searcher searcher() {
    return searcher;
  }

  Optional<Proposal> ask(TrialId trial) throws SearcherFault {
    Optional<Proposal> proposal;
    try {
      proposal = searcher.ask(trial);
    } catch (RuntimeException e) {
      throw recover("proposing trial " + trial.value(), e);
    }
    proposal.ifPresent(p -> since.add(new Ask(trial, p.candidate().canonical())));
    return proposal;
  }

  void tell(Outcome outcome) throws SearcherFault {
    try {
      searcher.tell(outcome);
    } catch (RuntimeException e) {
      throw recover("learning the outcome of trial " + outcome.trial().value(), e);
    }
    since.add(new Tell(outcome));
  }

  boolean isExhausted() {
    return searcher.isExhausted();
  }

  /** Takes a new snapshot, from which a later failure recovers; returns it. */
  byte[] snapshot() {
    snapshot = searcher.snapshot();
    since.clear();
    return snapshot.clone();
  }

  private SearcherFault recover(String doing, RuntimeException cause) {
    String what = "the searcher threw while " + doing + ": " + cause;
    try {
      searcher.restore(snapshot);
      for (Call call : since) {
        if (call instanceof Ask a) {
          String again = searcher.ask(a.trial()).map(p -> p.candidate().canonical()).orElse("nothing");
          if (!again.equals(a.canonical())) {
            return new SearcherFault(what + "; restored, it proposed " + again + " for trial " + a.trial().value()
                + " instead of " + a.canonical(), cause, false);
          }
        } else {
          searcher.tell(((Tell) call).outcome());
        }
      }
    } catch (RuntimeException again) {
      return new SearcherFault(what + "; restoring it failed too: " + again, cause, false);
    }
    return new SearcherFault(what, cause, true);
  }
}
