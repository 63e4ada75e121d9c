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
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
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
 *
 * <p>The members of an asynchronous portfolio ({@link PortfolioSource}) are replayed each on its own,
 * following the journal: each {@code TrialProposed} or {@code ProposalRefused} is asked of the member
 * it names, outcomes go to the member that proposed the trial, and {@code MemberAsked} marks where a
 * member's question was asked.
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
   * @param book an asynchronous portfolio's course, if the searcher is one
   * @param memberUnanswered as {@code unanswered}, per member of an asynchronous portfolio
   */
  record Recovered(SearchLedger ledger, SearchState state, List<String> mismatches, Optional<Scheduler> scheduler,
      List<Proposal> unanswered, Optional<PortfolioBook> book, List<List<Proposal>> memberUnanswered) {}

  /** The course of a search that has journaled nothing yet, for {@code searcher}. */
  static Recovered fresh(SearchSettings settings, Searcher searcher) {
    Optional<PortfolioBook> book = SearchSupervisor.asynchronous(searcher)
        ? Optional.of(new PortfolioBook((PortfolioSearcher) searcher)) : Optional.empty();
    return new Recovered(new SearchLedger(settings), new SearchState(), List.of(), SearchSupervisor.scheduler(settings),
        List.of(), book, List.of());
  }

  /** A question replayed at its marker event, with the searcher's answer. */
  private record Asked(TrialId trial, Optional<Proposal> answer) {}

  /** Replays a journal's calls on the searcher side: one searcher, or a portfolio's members. */
  private interface Replayer {
    /** Replays {@code at} if it marks where a question was asked; false otherwise (which ends a run of them). */
    boolean asked(Envelope at) throws ResumeException;

    /** The re-derived answer to the question that {@code p} (at {@code at}) answered. */
    Optional<Proposal> proposed(Envelope at, Event.TrialProposed p) throws ResumeException;

    /** {@code p} was journaled as {@code candidate}. */
    void accepted(Event.TrialProposed p, Candidate candidate);

    /** Replays a refused proposal; returns the re-derived candidate (canonical), or {@code nothing}. */
    String refused(Envelope at, Event.ProposalRefused r) throws ResumeException;

    /** Tells the searcher side a journaled outcome. */
    void tell(Envelope at, Outcome outcome) throws ResumeException;
  }

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
    SingleReplayer single = null;
    MemberReplayer members = null;
    Replayer replayer;
    if (SearchSupervisor.asynchronous(searcher)) {
      replayer = members = new MemberReplayer(new PortfolioBook((PortfolioSearcher) searcher), journal);
    } else {
      replayer = single = new SingleReplayer(searcher, journal, ledger);
    }
    for (Envelope envelope : events) {
      if (replayer.asked(envelope)) {
        ledger.apply(envelope);
        state.apply(envelope.event());
        continue;
      }
      if (envelope.event() instanceof Event.TrialProposed p) {
        Optional<Proposal> asked = replayer.proposed(envelope, p);
        String derived = asked.map(a -> a.candidate().canonical()).orElse("nothing");
        String origin = asked.flatMap(Proposal::origin).orElse(settings.searcher());
        if (asked.isPresent() && !origin.equals(p.searcher())) {
          derived += " (from " + origin + ", journaled from " + p.searcher() + ")";
        }
        Candidate candidate;
        if (derived.equals(p.candidate())) {
          candidate = asked.get().candidate();
        } else {
          mismatch(journal, "trial " + p.trial().value() + " was journaled as " + p.candidate()
              + " but the searcher now proposes " + derived, verify, mismatches);
          candidate = parse(space, p.candidate(), journal);
        }
        ledger.proposed(envelope, candidate);
        replayer.accepted(p, candidate);
      } else if (envelope.event() instanceof Event.ProposalRefused r) {
        String derived = replayer.refused(envelope, r);
        if (!derived.equals(r.candidate())) {
          mismatch(journal, "portfolio member " + r.member() + " was journaled proposing " + r.candidate()
              + " (refused as proposed already) but now proposes " + derived, verify, mismatches);
        }
        ledger.apply(envelope);
      } else {
        Optional<Outcome> outcome = ledger.apply(envelope);
        if (outcome.isPresent()) {
          replayer.tell(envelope, outcome.get());
        }
      }
      state.apply(envelope.event());
      scheduler.ifPresent(s -> SearchSupervisor.inform(s, settings, envelope.event()));
    }
    ledger.reopenAll();
    return new Recovered(ledger, state, List.copyOf(mismatches), scheduler,
        single == null ? List.of() : single.unanswered(),
        members == null ? Optional.empty() : Optional.of(members.book),
        members == null ? List.of() : members.unanswered());
  }

  private static void mismatch(Journal journal, String mismatch, boolean verify, List<String> mismatches)
      throws ResumeException {
    if (verify) {
      throw new ResumeException(journal.directory() + ": " + mismatch
          + ": the code or the configuration changed since the search was journaled (--no-verify resumes anyway)");
    }
    mismatches.add(mismatch);
  }

  /** One searcher: questions at {@code SearcherAsked} events, or at the proposals they answered. */
  private static final class SingleReplayer implements Replayer {
    private final Searcher searcher;
    private final Journal journal;
    private final SearchLedger ledger;
    // Questions asked at SearcherAsked events, answered in order; a run of them is one question for
    // several trials, which the live searcher stopped answering at its first empty answer.
    private final ArrayDeque<Asked> pending = new ArrayDeque<>();
    private boolean inRun;
    private boolean runEnded;

    SingleReplayer(Searcher searcher, Journal journal, SearchLedger ledger) {
      this.searcher = searcher;
      this.journal = journal;
      this.ledger = ledger;
    }

    @Override
    public boolean asked(Envelope at) throws ResumeException {
      if (at.event() instanceof Event.MemberAsked) {
        throw notThisSearcher(journal, "a portfolio member's question");
      }
      if (!(at.event() instanceof Event.SearcherAsked a)) {
        inRun = false;
        return false;
      }
      if (!inRun) {
        pending.clear();
        runEnded = false;
      }
      inRun = true;
      Optional<Proposal> answer = runEnded ? Optional.empty() : call(() -> searcher.ask(a.trial()), journal, at);
      runEnded |= answer.isEmpty();
      pending.add(new Asked(a.trial(), answer));
      return true;
    }

    @Override
    public Optional<Proposal> proposed(Envelope at, Event.TrialProposed p) throws ResumeException {
      // An empty answer journaled no proposal: the live search asked again later, and so do we.
      Asked head = pending.peekFirst();
      Optional<Proposal> asked = head != null && head.trial().equals(p.trial()) && head.answer().isPresent()
          ? head.answer() : call(() -> searcher.ask(p.trial()), journal, at);
      if (head != null && head.trial().equals(p.trial())) {
        pending.pollFirst();
      } else {
        pending.clear();
      }
      return asked;
    }

    @Override
    public void accepted(Event.TrialProposed p, Candidate candidate) {}

    @Override
    public String refused(Envelope at, Event.ProposalRefused r) throws ResumeException {
      throw notThisSearcher(journal, "a portfolio member's refused proposal");
    }

    @Override
    public void tell(Envelope at, Outcome outcome) throws ResumeException {
      call(() -> {
        searcher.tell(outcome);
        return null;
      }, journal, at);
    }

    List<Proposal> unanswered() {
      List<Proposal> unanswered = new ArrayList<>();
      long next = ledger.nextTrial().value();
      for (Asked a : pending) {
        if (a.trial().value() == next + unanswered.size() && a.answer().isPresent()) {
          unanswered.add(a.answer().get());
        }
      }
      return List.copyOf(unanswered);
    }
  }

  /** The members of an asynchronous portfolio, each replayed on its own as the journal names it. */
  private static final class MemberReplayer implements Replayer {
    private final PortfolioBook book;
    private final Journal journal;
    /** Per member: questions asked at its {@code MemberAsked} events, answered in order. */
    private final List<ArrayDeque<Asked>> pending = new ArrayList<>();
    private final boolean[] runEnded;
    /** The member whose run of {@code MemberAsked} events the last event was in; -1 if none. */
    private int inRun = -1;

    MemberReplayer(PortfolioBook book, Journal journal) {
      this.book = book;
      this.journal = journal;
      for (int i = 0; i < book.size(); i++) {
        pending.add(new ArrayDeque<>());
      }
      this.runEnded = new boolean[book.size()];
    }

    @Override
    public boolean asked(Envelope at) throws ResumeException {
      if (at.event() instanceof Event.SearcherAsked) {
        throw notThisSearcher(journal, "a single searcher's question");
      }
      if (!(at.event() instanceof Event.MemberAsked a)) {
        inRun = -1;
        return false;
      }
      int member = member(a.member(), at);
      if (inRun != member) {
        pending.get(member).clear();
        runEnded[member] = false;
      }
      inRun = member;
      Searcher searcher = book.searcher(member);
      Optional<Proposal> answer = runEnded[member] ? Optional.empty() : call(() -> searcher.ask(a.inner()), journal, at);
      runEnded[member] |= answer.isEmpty();
      pending.get(member).add(new Asked(a.inner(), answer));
      return true;
    }

    @Override
    public Optional<Proposal> proposed(Envelope at, Event.TrialProposed p) throws ResumeException {
      int member = member(p.searcher(), at);
      return answer(member, at).map(a -> new Proposal(p.trial(), a.candidate(), Optional.of(book.name(member))));
    }

    @Override
    public void accepted(Event.TrialProposed p, Candidate candidate) {
      book.accepted(p.trial(), book.member(p.searcher()).getAsInt(), candidate.canonical());
    }

    @Override
    public String refused(Envelope at, Event.ProposalRefused r) throws ResumeException {
      int member = member(r.member(), at);
      TrialId inner = book.nextInner(member);
      Optional<Proposal> answer = answer(member, at);
      book.refused(member);
      call(() -> {
        book.searcher(member).tell(new Outcome.Failed(inner, PortfolioSource.REFUSED));
        return null;
      }, journal, at);
      return answer.map(a -> a.candidate().canonical()).orElse("nothing");
    }

    /** The member's answer for its next proposal: asked at a marker already, or asked now. */
    private Optional<Proposal> answer(int member, Envelope at) throws ResumeException {
      TrialId inner = book.nextInner(member);
      ArrayDeque<Asked> asked = pending.get(member);
      Asked head = asked.peekFirst();
      if (head != null && head.trial().equals(inner) && head.answer().isPresent()) {
        asked.pollFirst();
        return head.answer();
      }
      // An empty answer journaled nothing: the live search asked again later, and so do we.
      asked.clear();
      Searcher searcher = book.searcher(member);
      return call(() -> searcher.ask(inner), journal, at);
    }

    @Override
    public void tell(Envelope at, Outcome outcome) throws ResumeException {
      Optional<PortfolioBook.Routed> routed = book.route(outcome);
      if (routed.isPresent()) {
        call(() -> {
          book.searcher(routed.get().member()).tell(routed.get().outcome());
          return null;
        }, journal, at);
      }
    }

    private int member(String name, Envelope at) throws ResumeException {
      return book.member(name).orElseThrow(() -> new ResumeException(journal.directory() + ": event " + at.seq()
          + " names portfolio member " + name + ", which the portfolio does not have: the configuration changed "
          + "since the search was journaled"));
    }

    /** Per member, the proposals it made at markers whose answers the journal does not hold, in order. */
    List<List<Proposal>> unanswered() {
      List<List<Proposal>> all = new ArrayList<>();
      for (int m = 0; m < book.size(); m++) {
        List<Proposal> unanswered = new ArrayList<>();
        long next = book.nextInner(m).value();
        for (Asked a : pending.get(m)) {
          if (a.trial().value() == next + unanswered.size() && a.answer().isPresent()) {
            unanswered.add(a.answer().get());
          }
        }
        all.add(List.copyOf(unanswered));
      }
      return List.copyOf(all);
    }
  }

  private static ResumeException notThisSearcher(Journal journal, String what) {
    return new ResumeException(journal.directory() + ": the journal holds " + what + ", which the configured searcher "
        + "does not make: the configuration changed since the search was journaled");
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
