package org.nautilus.actors.supervisor;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.nautilus.actors.search.SearcherActor;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * One searcher, asked one question at a time: {@code Ask(first, count)} for every trainer that can
 * take a trial, whose proposals are journaled as they stream back. Results keep being journaled while
 * a question is out; if one is, {@code SearcherAsked} is journaled before it, so the journal keeps the
 * order in which the searcher was called.
 */
final class SingleSource implements ProposalSource {
  private final HostedSearcher searcher;
  private final SearchLedger ledger;
  private final Owner owner;
  /** The searcher's name, journaled with its snapshots. */
  private final String name;
  /** The first trial the searcher is being asked for, while its answer is on its way. */
  private Optional<TrialId> asking = Optional.empty();
  /** How many trials the outstanding question asks for. */
  private int askingCount;
  /** How many proposals of the outstanding question have come. */
  private int answered;
  /** Whether {@code SearcherAsked} is journaled for the outstanding question. */
  private boolean askJournaled;
  /** The searcher proposed nothing and waits for an outcome: it is not asked again until one is told. */
  private boolean starved;
  private boolean exhausted;
  private Optional<String> broken = Optional.empty();
  private boolean caughtUp;

  /**
   * Hosts {@code searcher} (told the ledger's outcomes already) and, on a resume, journals the
   * proposals it made whose {@code TrialProposed} the journal lost ({@code unanswered}), in order.
   */
  SingleSource(ActorContext<SearchSupervisor.Command> context, String name, Searcher searcher, SearchLedger ledger,
      Owner owner, List<Proposal> unanswered) {
    this.name = name;
    this.searcher = HostedSearcher.host(context, searcher, ledger.outcomes(), 0, "searcher");
    this.ledger = ledger;
    this.owner = owner;
    unanswered.forEach(owner::journalProposal);
  }

  @Override
  public void ask(int places) {
    if (asking.isPresent() || starved || exhausted || broken.isPresent()) {
      return;
    }
    // One question for every trainer that can take a trial now: a single round trip fills them all.
    askingCount = (int) Math.max(1, Math.min(ledger.trialsLeft(), places));
    asking = Optional.of(ledger.nextTrial());
    answered = 0;
    askJournaled = false;
    searcher.call(new SearcherActor.Ask(asking.get(), askingCount));
  }

  @Override
  public boolean asking() {
    return asking.isPresent();
  }

  @Override
  public boolean starved() {
    return starved;
  }

  @Override
  public boolean exhausted() {
    return exhausted;
  }

  @Override
  public Optional<String> broken() {
    return broken;
  }

  @Override
  public void onReply(int member, SearcherActor.Reply reply) {
    if (reply instanceof SearcherActor.Proposed p) {
      if (asking.isPresent() && p.proposal().trial().value() == asking.get().value() + answered) {
        answered++;
        owner.journalProposal(p.proposal());
      }
    } else if (reply instanceof SearcherActor.Answered a) {
      if (asking.isPresent() && asking.get().equals(a.first())) {
        asking = Optional.empty();
        if (a.proposed() < askingCount) {
          if (a.exhausted()) {
            exhausted = true;
          } else {
            starved = true;
          }
        }
      }
    } else if (reply instanceof SearcherActor.Faulted f) {
      owner.record(new Event.NoteAdded(f.note()));
      if (f.broken().isPresent() && broken.isEmpty()) {
        broken = f.broken();
      }
    } else if (reply == SearcherActor.Synced.INSTANCE) {
      caughtUp = true;
    } else if (reply instanceof SearcherActor.Snapshotted snapshot
        && snapshot.state().length <= SearchSupervisor.MAX_JOURNALED_SNAPSHOT) {
      owner.record(new Event.SearcherSnapshotted(name, snapshot.outcomesTold(), snapshot.state()));
    }
  }

  @Override
  public void beforeRecord(Event event) {
    if (asking.isPresent() && !askJournaled && SearchSupervisor.endedTrial(event).isPresent()) {
      // This event may tell the searcher an outcome, which it will learn after the question.
      askJournaled = true;
      for (int i = answered; i < askingCount; i++) {
        if (owner.record(new Event.SearcherAsked(TrialId.of(asking.get().value() + i))).isEmpty()) {
          return;
        }
      }
    }
  }

  @Override
  public void tell(Outcome outcome) {
    if (broken.isEmpty()) {
      searcher.call(new SearcherActor.Tell(outcome));
      starved = false;
    }
  }

  @Override
  public void lost(int member, String reason) {
    asking = Optional.empty();
    caughtUp = true; // nothing more will reach it
    if (broken.isEmpty()) {
      broken = Optional.of(reason);
    }
  }

  @Override
  public Optional<Integer> memberOf(ActorRef<Void> stopped) {
    return searcher.isActor(stopped) ? Optional.of(0) : Optional.empty();
  }

  @Override
  public void sync() {
    searcher.call(SearcherActor.Sync.INSTANCE);
  }

  @Override
  public boolean caughtUp() {
    return caughtUp;
  }
}
