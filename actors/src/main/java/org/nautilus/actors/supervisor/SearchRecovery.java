package org.nautilus.actors.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nautilus.journal.Journal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.schedule.Scheduler;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;

/**
 * Rebuilds a journaled search: replays every event into a fresh ledger and a fresh searcher,
 * re-asking the searcher for each journaled proposal. Because the searcher is deterministic and the
 * journal holds every call the lost supervisor made on it, in order, the searcher ends in the state
 * the lost one was in; a proposal that differs from the journaled one means the code or the
 * configuration changed, which is refused unless verification is off.
 */
public final class SearchRecovery {
  private SearchRecovery() {}

  /**
   * What a replay rebuilt.
   *
   * @param ledger the course of the search, with its open trials due for dispatch again
   * @param state the folded state, for reports
   * @param mismatches proposals that differed from the journal (only when verification is off)
   * @param scheduler the multi-fidelity scheduler, fed every journaled report, if the search has one
   */
  record Recovered(SearchLedger ledger, SearchState state, List<String> mismatches, Optional<Scheduler> scheduler) {}

  /**
   * Replays {@code journal} into {@code searcher}, which must be fresh and built from the journaled
   * spec and seed.
   *
   * @param space parses journaled candidates when verification is off and the searcher proposes otherwise
   * @param verify whether a proposal that differs from the journaled one is an error
   * @throws ResumeException if the journal is not a search's, or a proposal differs and {@code verify} is set
   */
  static Recovered replay(Journal journal, SearchSettings settings, Searcher searcher, SearchSpace<?> space,
      boolean verify) throws ResumeException {
    SearchLedger ledger = new SearchLedger(settings);
    SearchState state = new SearchState();
    Optional<Scheduler> scheduler = SearchSupervisor.scheduler(settings);
    List<String> mismatches = new ArrayList<>();
    List<Envelope> events = new ArrayList<>();
    journal.replay(events::add);
    if (events.isEmpty() || !(events.get(0).event() instanceof Event.SearchCreated)) {
      throw new ResumeException("journal " + journal.directory() + " does not begin with a search's creation; "
          + "it is not a Nautilus search journal");
    }
    for (Envelope envelope : events) {
      if (envelope.event() instanceof Event.TrialProposed p) {
        Optional<Proposal> asked = call(() -> searcher.ask(p.trial()), journal, envelope);
        String derived = asked.map(a -> a.candidate().canonical()).orElse("nothing");
        Candidate candidate;
        String origin = asked.flatMap(Proposal::origin).orElse(settings.searcher());
        if (asked.isPresent() && !origin.equals(p.searcher())) {
          derived += " (from " + origin + ", journaled from " + p.searcher() + ")";
        }
        if (derived.equals(p.candidate())) {
          candidate = asked.get().candidate();
        } else {
          String mismatch = "trial " + p.trial().value() + " was journaled as " + p.candidate()
              + " but the searcher now proposes " + derived;
          if (verify) {
            throw new ResumeException(journal.directory() + ": " + mismatch
                + ": the code or the configuration changed since the search was journaled "
                + "(--no-verify resumes anyway)");
          }
          mismatches.add(mismatch);
          candidate = parse(space, p.candidate(), journal);
        }
        ledger.proposed(envelope, candidate);
      } else {
        Optional<Outcome> outcome = ledger.apply(envelope);
        if (outcome.isPresent()) {
          call(() -> {
            searcher.tell(outcome.get());
            return null;
          }, journal, envelope);
        }
      }
      state.apply(envelope.event());
      scheduler.ifPresent(s -> SearchSupervisor.inform(s, settings, envelope.event()));
    }
    ledger.reopenAll();
    return new Recovered(ledger, state, List.copyOf(mismatches), scheduler);
  }

  private interface SearcherCall<T> {
    T call();
  }

  private static <T> T call(SearcherCall<T> call, Journal journal, Envelope at) throws ResumeException {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw new ResumeException(journal.directory() + ": the searcher threw while replaying event " + at.seq()
          + " (" + at.event().getClass().getSimpleName() + "): " + e);
    }
  }

  private static Candidate parse(SearchSpace<?> space, String canonical, Journal journal) throws ResumeException {
    try {
      return space.parse(canonical);
    } catch (IllegalArgumentException e) {
      throw new ResumeException(journal.directory() + ": journaled candidate " + canonical
          + " is not in the space " + space.name() + ": " + e.getMessage());
    }
  }
}
