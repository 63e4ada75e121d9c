package org.nautilus.actors.supervisor;

import java.util.ArrayDeque;
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
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;

/**
 * Rebuilds a journaled search: replays every event into a fresh ledger and a fresh searcher,
 * re-asking the searcher for each journaled proposal. Because the searcher is deterministic and the
 * journal holds every call the lost supervisor made on it, in order, the searcher ends in the state
 * the lost one was in; a proposal that differs from the journaled one means the code or the
 * configuration changed, which is refused unless verification is off. A {@code SearcherAsked} event
 * means the question was asked there, before the outcomes journaled after it; the answer is compared
 * with the trial's {@code TrialProposed} further on.
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
   * @param unanswered the searcher's proposals for questions journaled as asked whose proposals the
   *     journal does not hold (the search stopped while the answer was on its way): the searcher has
   *     made them, so they are the next trials, in order
   */
  record Recovered(SearchLedger ledger, SearchState state, List<String> mismatches, Optional<Scheduler> scheduler,
      List<Proposal> unanswered) {}

  /** A question replayed at its {@code SearcherAsked} event, with the searcher's answer. */
  private record Asked(TrialId trial, Optional<Proposal> answer) {}

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
    // Questions asked at SearcherAsked events, answered in order; a run of them is one question for
    // several trials, which the live searcher stopped answering at its first empty answer.
    ArrayDeque<Asked> pending = new ArrayDeque<>();
    boolean inRun = false;
    boolean runEnded = false;
    for (Envelope envelope : events) {
      if (envelope.event() instanceof Event.SearcherAsked a) {
        if (!inRun) {
          pending.clear();
          runEnded = false;
        }
        inRun = true;
        Optional<Proposal> answer = runEnded ? Optional.empty() : call(() -> searcher.ask(a.trial()), journal, envelope);
        runEnded |= answer.isEmpty();
        pending.add(new Asked(a.trial(), answer));
        ledger.apply(envelope);
        state.apply(envelope.event());
        continue;
      }
      inRun = false;
      if (envelope.event() instanceof Event.TrialProposed p) {
        // An empty answer journaled no proposal: the live search asked again later, and so do we.
        Asked head = pending.peekFirst();
        Optional<Proposal> asked = head != null && head.trial().equals(p.trial()) && head.answer().isPresent()
            ? head.answer() : call(() -> searcher.ask(p.trial()), journal, envelope);
        if (head != null && head.trial().equals(p.trial())) {
          pending.pollFirst();
        } else {
          pending.clear();
        }
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
    List<Proposal> unanswered = new ArrayList<>();
    long next = ledger.nextTrial().value();
    for (Asked a : pending) {
      if (a.trial().value() == next + unanswered.size() && a.answer().isPresent()) {
        unanswered.add(a.answer().get());
      }
    }
    return new Recovered(ledger, state, List.copyOf(mismatches), scheduler, List.copyOf(unanswered));
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
