package org.nautilus.actors.supervisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.nautilus.actors.search.SearcherActor;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;

/**
 * The members of a portfolio, each hosted on its own (a slow member, such as a GP, in an actor of its
 * own; a quick one on the supervisor's thread) and asked on its own, so that while one member works
 * the others keep the trainers busy. Free trainers are shared among the members that can be asked
 * now by the portfolio's policy ({@link org.nautilus.nas.search.portfolio.PortfolioShares}); a member
 * that is not quick is asked for one proposal at a time, so the others fill the rest.
 *
 * <p>Each member is called in an order the journal records: its proposals are journaled as they come
 * ({@code TrialProposed} naming the member, or {@code ProposalRefused} for a candidate the portfolio
 * had already proposed, which the member is then told failed), outcomes go to the member that proposed
 * the trial, and {@code MemberAsked} is journaled before anything that tells a member something while
 * its question is out. Trials are numbered in the order proposals are journaled; that order depends on
 * how fast members answer, and it is the journal, not a re-derivation, that a replay follows. Under a
 * virtual clock the run must be a function of the seed, so the members' answers are journaled only
 * once every question is answered, member by member, and no question is asked while one is out.
 */
final class PortfolioSource implements ProposalSource {
  /** Why a member is told its proposal failed when another member had proposed the candidate. */
  static final String REFUSED = "already proposed by another member of the portfolio";

  /** A question out to a member: its proposals {@code first}, {@code first + 1}, ... up to {@code count}. */
  private static final class Question {
    final long first;
    final int count;
    int answered;
    boolean done;
    boolean marked;

    Question(long first, int count) {
      this.first = first;
      this.count = count;
    }
  }

  /** A proposal held until every question is answered (virtual clock). */
  private record Held(int member, Proposal proposal) {}

  private final PortfolioBook book;
  private final HostedSearcher[] hosts;
  private final boolean[] quick;
  private final SearchLedger ledger;
  private final Owner owner;
  private final boolean virtual;
  private final Question[] asking;
  private final boolean[] starved;
  private final boolean[] exhausted;
  private final boolean[] caughtUp;
  private final List<Held> held = new ArrayList<>();
  private Optional<String> broken = Optional.empty();

  /**
   * Hosts the members of {@code book}'s portfolio, whose course (replayed, on a resume) the book holds,
   * and journals the proposals members made whose answers the journal lost ({@code unanswered}, by
   * member).
   */
  PortfolioSource(ActorContext<SearchSupervisor.Command> context, PortfolioBook book, SearchLedger ledger,
      Owner owner, boolean virtual, List<List<Proposal>> unanswered) {
    this.book = book;
    this.ledger = ledger;
    this.owner = owner;
    this.virtual = virtual;
    int n = book.size();
    this.hosts = new HostedSearcher[n];
    this.quick = new boolean[n];
    this.asking = new Question[n];
    this.starved = new boolean[n];
    this.exhausted = new boolean[n];
    this.caughtUp = new boolean[n];
    for (int i = 0; i < n; i++) {
      PortfolioSearcher.Member member = book.members().get(i);
      quick[i] = member.searcher().isQuick();
      hosts[i] = HostedSearcher.host(context, member.searcher(), book.told(i), i, "searcher-" + i);
    }
    for (int i = 0; i < unanswered.size(); i++) {
      for (Proposal proposal : unanswered.get(i)) {
        journalAnswer(i, proposal);
      }
    }
  }

  @Override
  public void ask(int places) {
    if (broken.isPresent() || virtual && asking()) {
      return;
    }
    long coming = 0;
    for (Question q : asking) {
      if (q != null && !q.done) {
        coming += q.count - q.answered;
      }
    }
    long left = ledger.trialsLeft() - coming;
    long wanted = Math.min(places, left);
    if (wanted <= 0 || exhausted()) {
      return;
    }
    int[] limits = new int[hosts.length];
    int[] quickLimits = new int[hosts.length];
    for (int i = 0; i < hosts.length; i++) {
      boolean free = asking[i] == null && !starved[i] && !exhausted[i];
      limits[i] = !free ? 0 : quick[i] ? Integer.MAX_VALUE : 1;
      quickLimits[i] = quick[i] ? limits[i] : 0;
    }
    int[] allotted = book.shares().allot((int) Math.min(wanted, Integer.MAX_VALUE), limits);
    int slowPlaces = 0;
    for (int i = 0; i < hosts.length; i++) {
      slowPlaces += quick[i] ? 0 : allotted[i];
    }
    if (slowPlaces > 0 && !virtual && left > wanted) {
      // A slow member's answer takes the next trainer that comes free; the places it was given are
      // filled by the quick members now, so no trainer waits for it. (Under a virtual clock searcher
      // time costs nothing, so each place gets exactly one proposal.)
      int[] more = book.shares().allot((int) Math.min(slowPlaces, left - wanted), quickLimits);
      for (int i = 0; i < hosts.length; i++) {
        allotted[i] += more[i];
      }
    }
    for (int i = 0; i < hosts.length; i++) {
      if (allotted[i] > 0) {
        asking[i] = new Question(book.nextInner(i).value(), allotted[i]);
        hosts[i].call(new SearcherActor.Ask(book.nextInner(i), allotted[i]));
      }
    }
  }

  @Override
  public boolean asking() {
    for (Question q : asking) {
      if (q != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean starved() {
    for (int i = 0; i < hosts.length; i++) {
      if (!starved[i] && !exhausted[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean exhausted() {
    if (book.usedUp()) {
      return true;
    }
    for (boolean e : exhausted) {
      if (!e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<String> broken() {
    return broken;
  }

  @Override
  public void onReply(int member, SearcherActor.Reply reply) {
    Question q = asking[member];
    if (reply instanceof SearcherActor.Proposed p) {
      if (q != null && !q.done && p.proposal().trial().value() == q.first + q.answered) {
        q.answered++;
        if (virtual) {
          held.add(new Held(member, p.proposal()));
        } else {
          journalAnswer(member, p.proposal());
        }
      }
    } else if (reply instanceof SearcherActor.Answered a) {
      if (q != null && !q.done && a.first().value() == q.first) {
        answered(member, q, a);
      }
    } else if (reply instanceof SearcherActor.Faulted f) {
      owner.record(new Event.NoteAdded("portfolio member " + book.name(member) + ": " + f.note()));
      if (f.broken().isPresent() && broken.isEmpty()) {
        broken = Optional.of("portfolio member " + book.name(member) + ": " + f.broken().get());
      }
    } else if (reply == SearcherActor.Synced.INSTANCE) {
      caughtUp[member] = true;
    } else if (reply instanceof SearcherActor.Snapshotted snapshot
        && snapshot.state().length <= SearchSupervisor.MAX_JOURNALED_SNAPSHOT) {
      owner.record(new Event.SearcherSnapshotted(book.name(member), snapshot.outcomesTold(), snapshot.state()));
    }
  }

  private void answered(int member, Question q, SearcherActor.Answered a) {
    q.done = true;
    if (a.proposed() < q.count) {
      if (a.exhausted()) {
        exhausted[member] = true;
      } else {
        starved[member] = true;
      }
    }
    if (!virtual) {
      asking[member] = null;
      return;
    }
    for (Question other : asking) {
      if (other != null && !other.done) {
        return;
      }
    }
    // Every question is answered: the proposals are journaled in an order free of timing.
    held.sort(Comparator.comparingInt(Held::member).thenComparingLong(h -> h.proposal().trial().value()));
    List<Held> due = List.copyOf(held);
    held.clear();
    for (Held h : due) {
      journalAnswer(h.member(), h.proposal());
    }
    java.util.Arrays.fill(asking, null);
  }

  /**
   * Journals member {@code member}'s next proposal: as the next trial, or, if the portfolio proposed
   * the candidate already, as refused, telling the member it failed.
   */
  private void journalAnswer(int member, Proposal proposal) {
    String canonical = proposal.candidate().canonical();
    if (book.isProposed(canonical)) {
      markAsked(member);
      if (owner.record(new Event.ProposalRefused(book.name(member), canonical)).isEmpty()) {
        return;
      }
      book.refused(member);
      if (broken.isEmpty()) {
        hosts[member].call(new SearcherActor.Tell(new Outcome.Failed(proposal.trial(), REFUSED)));
        starved[member] = false;
      }
      return;
    }
    TrialId trial = ledger.nextTrial();
    owner.journalProposal(new Proposal(trial, proposal.candidate(), Optional.of(book.name(member))));
    book.accepted(trial, member, canonical);
  }

  /**
   * Before something is told to {@code member} while proposals it was asked for are not journaled
   * yet: journals where it was asked for each, since it makes them all before it hears anything more.
   */
  private void markAsked(int member) {
    Question q = asking[member];
    if (q == null || q.marked) {
      return;
    }
    q.marked = true;
    long through = q.first + (q.done ? q.answered : q.count);
    for (long inner = book.nextInner(member).value(); inner < through; inner++) {
      if (owner.record(new Event.MemberAsked(book.name(member), TrialId.of(inner))).isEmpty()) {
        return;
      }
    }
  }

  @Override
  public void beforeRecord(Event event) {
    SearchSupervisor.endedTrial(event).flatMap(book::ownerOf).ifPresent(this::markAsked);
  }

  @Override
  public void tell(Outcome outcome) {
    Optional<PortfolioBook.Routed> routed = book.route(outcome);
    if (routed.isPresent() && broken.isEmpty()) {
      int member = routed.get().member();
      hosts[member].call(new SearcherActor.Tell(routed.get().outcome()));
      starved[member] = false;
    }
  }

  @Override
  public void lost(int member, String reason) {
    asking[member] = null;
    caughtUp[member] = true; // nothing more will reach it
    if (broken.isEmpty()) {
      broken = Optional.of("portfolio member " + book.name(member) + ": " + reason);
    }
  }

  @Override
  public Optional<Integer> memberOf(ActorRef<Void> stopped) {
    for (int i = 0; i < hosts.length; i++) {
      if (hosts[i].isActor(stopped)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  @Override
  public void sync() {
    for (HostedSearcher host : hosts) {
      host.call(SearcherActor.Sync.INSTANCE);
    }
  }

  @Override
  public boolean caughtUp() {
    for (boolean c : caughtUp) {
      if (!c) {
        return false;
      }
    }
    return true;
  }
}
