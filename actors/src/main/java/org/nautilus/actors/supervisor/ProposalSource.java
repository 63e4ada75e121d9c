package org.nautilus.actors.supervisor;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.nautilus.actors.search.SearcherActor;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;

/**
 * The supervisor's searcher side: asks for proposals, journals them as they come, and tells outcomes,
 * keeping the journal a record of the order of every call so that a replay makes the same calls.
 * {@link SingleSource} runs one searcher with one question outstanding; {@link PortfolioSource} runs
 * the members of a portfolio each on its own, so that a slow member never holds up the others.
 */
interface ProposalSource {
  /** What a source needs of its supervisor. */
  interface Owner {
    /** Journals {@code event} (and folds it in); empty if the journal failed, which ends the search. */
    Optional<Envelope> record(Event event);

    /** Journals {@code proposal} as its trial, the next one, and makes it due. */
    void journalProposal(Proposal proposal);
  }

  /** Asks for proposals for up to {@code places} trainers (within the trial budget) if it can now. */
  void ask(int places);

  /** Whether an answer is on its way (a pause or the end waits for it; so does a virtual clock). */
  boolean asking();

  /** Whether nothing can be proposed until an outcome is told. */
  boolean starved();

  /** Whether no proposal will ever come again. */
  boolean exhausted();

  /** Why the searcher can take no more calls, once it cannot: the search ends with it. */
  Optional<String> broken();

  /** A reply of the searcher (or portfolio member) {@code member}. */
  void onReply(int member, SearcherActor.Reply reply);

  /**
   * Called before {@code event} is journaled: if it may tell a searcher an outcome while that
   * searcher's question is on its way, the question's place is journaled first.
   */
  void beforeRecord(Event event);

  /** Tells the searcher that proposed it an outcome the journal now holds. */
  void tell(Outcome outcome);

  /** Searcher {@code member} can take no more calls, for {@code reason}. */
  void lost(int member, String reason);

  /** The member whose actor {@code stopped} is, if it is one of the searchers' actors. */
  Optional<Integer> memberOf(ActorRef<Void> stopped);

  /** Asks every searcher to confirm that it has made every call sent so far ({@link #caughtUp()}). */
  void sync();

  /** Whether every searcher has made every call sent before {@link #sync()} (or is lost). */
  boolean caughtUp();
}
