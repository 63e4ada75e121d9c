package org.nautilus.actors.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.api.Version;
import org.nautilus.actors.search.SearcherActor;
import org.nautilus.actors.train.TrainerActor;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.actors.train.TrialStopper;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.schedule.Decision;
import org.nautilus.nas.schedule.Scheduler;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
import org.nautilus.nas.space.SearchSpace;

/**
 * Runs one search: the only writer of its journal, parent of its searchers' actors
 * ({@link SearcherActor}, which calls a searcher on a thread of its own; a {@linkplain Searcher#isQuick
 * quick} searcher is called on this actor's thread instead) and of one trainer actor per device.
 * Pull-based: a trainer that becomes idle gets the next due trial (a retry, or one that was running
 * when a previous run of the search stopped) or a fresh proposal at once. Write-ahead: every event is
 * appended to the journal before anything acts on it (a trial is journaled as started before its
 * trainer is told; a completion is journaled before the searcher is told), and every decision is a
 * function of the journaled events ({@link SearchLedger}), so a search resumed from its journal
 * continues exactly. The searcher side is a {@link ProposalSource}: one searcher with one question
 * outstanding ({@link SingleSource}), or the members of a portfolio with a slow member, each asked on
 * its own ({@link PortfolioSource}); either way results keep being journaled while a question is out,
 * and the journal keeps the order in which each searcher was called.
 *
 * <p>Under a virtual clock ({@link SearchSettings#virtualCost()}) a trainer's result is held until
 * every busy trainer has its result, then results are settled one at a time in virtual-time order,
 * each followed by dispatch: the run is then a function of the seed alone, as a discrete-event
 * simulation would be, while the trainers still run concurrently.
 *
 * <p>The search finishes ({@code SearchFinished} journaled) when the budget is spent and the last
 * trial ended, the searcher is exhausted, every trainer is lost, too many trials fail in a row, or on
 * {@link Stop}; then {@code done} completes with the folded state and the supervisor stops. On
 * {@link Pause} it stops dispatching, interrupts the running trials without journaling them as failed,
 * and journals {@code SearchPaused}: a {@link Resume}, or a new supervisor resuming the journal after
 * the process ended, trains them again. A journal that cannot be written completes {@code done}
 * exceptionally at once.
 *
 * <p>This is also the protocol for embedding a search in an application's own actor system: spawn
 * {@link #create}, then {@link Pause}, {@link Resume}, {@link Stop}, {@link GetStatus} and
 * {@link Subscribe} to the stream of journaled events.
 */
public final class SearchSupervisor extends AbstractBehavior<SearchSupervisor.Command> {
  /** Messages the supervisor accepts. */
  public sealed interface Command {}

  /** Stop dispatching, stop the running trials (journaled as failed) and finish the search. */
  public record Stop(String reason) implements Command {}

  /**
   * Stop dispatching, interrupt the running trials (they are trained again on resume) and journal the
   * search as paused; {@code replyTo} gets {@link Paused} once it is. A paused supervisor stays alive
   * for {@link Resume}, {@link Stop} and {@link GetStatus}.
   */
  public record Pause(String reason, ActorRef<Paused> replyTo) implements Command {}

  /** Continue a paused search: journal {@code SearchResumed} and dispatch again. Ignored unless paused. */
  public enum Resume implements Command {
    INSTANCE
  }

  /** Ask for a {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Send every event to {@code subscriber} as it is journaled, until it stops or unsubscribes. */
  public record Subscribe(ActorRef<Envelope> subscriber) implements Command {}

  /** Stop sending events to {@code subscriber}. */
  public record Unsubscribe(ActorRef<Envelope> subscriber) implements Command {}

  /** The search is paused; {@code state} is its folded journal. */
  public record Paused(SearchState state) {}

  /**
   * Where a search stands.
   *
   * @param phase {@code running}, {@code pausing}, {@code paused} or {@code stopping}
   * @param proposed trials proposed so far
   * @param ended trials that ended (completed, or failed for good)
   * @param running trials on trainers now
   * @param best the incumbent's objective, if any trial completed
   * @param cost total cost of the ended trials, in seconds (virtual under a virtual clock)
   */
  public record Status(String phase, long proposed, long ended, int running, java.util.OptionalDouble best,
      double cost) {}

  private record FromTrainer(TrainerActor.Reply reply) implements Command {}

  /** A reply of searcher {@code member} (0 for a single searcher; a portfolio member's index). */
  record FromSearcher(int member, SearcherActor.Reply reply) implements Command {}

  /** Journaled events have become durable: deliver them to the listener and the subscribers. */
  private enum Drain implements Command {
    INSTANCE
  }

  /** The journal could not make an event durable. */
  private record JournalFailed(Throwable cause) implements Command {}

  /** Searcher {@code member} can take no more calls (its actor stopped, or its inline host failed). */
  record SearcherLost(int member, String reason) implements Command {}

  /** A trial's time limit is up (it may have ended meanwhile). */
  private record TimeLimitReached(TrialId trial, int attempt) implements Command {}

  /** The machine journaled with each start; the host's name where the environment gives it. */
  private static final String NODE = System.getenv().getOrDefault("HOSTNAME", "localhost");

  private final SearchSettings settings;
  /** Larger snapshots are kept in memory only: one journal record must stay small (Chronicle caps it). */
  static final int MAX_JOURNALED_SNAPSHOT = 1 << 20;

  /** Builds the searcher side once this actor can spawn. */
  private final SourceFactory sourceFactory;
  /** Asks the searcher (or the portfolio's members) for proposals and tells them outcomes. */
  private ProposalSource source;
  private final Journal journal;
  private final SearchListener listener;
  private final CompletableFuture<SearchState> done;
  private final SearchState state;
  private final SearchLedger ledger;
  private final boolean virtual;
  private final Optional<Scheduler> scheduler;

  private final Map<ActorRef<TrainerActor.Command>, TrainerSlot> slots = new HashMap<>();
  /** Each trainer's way to reach its running trial inside an epoch ({@link #stopTrial}). */
  private final Map<ActorRef<TrainerActor.Command>, TrialStopper> stoppers = new HashMap<>();
  private final List<ActorRef<TrainerActor.Command>> ready = new ArrayList<>();
  private boolean started;
  /** Idle trainers in the order they became idle, so dispatch order is reproducible. */
  private final ArrayDeque<ActorRef<TrainerActor.Command>> idle = new ArrayDeque<>();
  private final Map<ActorRef<TrainerActor.Command>, Flight> inFlight = new HashMap<>();
  /** With prefetch: per trainer, the trials assigned beyond the one it runs, in the order it begins them. */
  private final Map<ActorRef<TrainerActor.Command>, ArrayDeque<Flight>> queued = new HashMap<>();
  /** The trials in {@link #queued}: unstarted in the ledger, yet not due. */
  private final Set<TrialId> queuedTrials = new HashSet<>();
  /** With prefetch: busy trainers with room in their queue, in the order they got it. */
  private final LinkedHashSet<ActorRef<TrainerActor.Command>> hungry = new LinkedHashSet<>();
  /** Under a virtual clock: trainers whose trial ended in wall time, by virtual end time then trial id. */
  private final TreeMap<Flight, TrainerActor.Reply> held = new TreeMap<>(
      Comparator.comparingDouble(Flight::virtualEnd).thenComparingLong(f -> f.trial().value()));
  private Optional<String> stopping = Optional.empty();
  private Optional<String> pausing = Optional.empty();
  private boolean paused;
  private final List<ActorRef<Paused>> pauseReplies = new ArrayList<>();
  private final List<ActorRef<Envelope>> subscribers = new ArrayList<>();
  /** Journaled events the outside world sees once they are durable. */
  private final DurableOutbox outbox = new DurableOutbox();
  /** Hears from the journal's fsync thread how far the journal is durable. */
  private final Journal.DurabilityListener durability;
  /** The search has journaled its end and completes once that is durable and the searcher has caught up. */
  private boolean finishing;

  /** A trial on a trainer; under a virtual clock its epochs are held with it until it is settled. */
  private record Flight(TrialId trial, int attempt, double virtualStart, double virtualEnd, List<EpochReport> epochs) {
    Flight ended(double virtualEnd) {
      return new Flight(trial, attempt, virtualStart, virtualEnd, epochs);
    }
  }

  /** Builds a supervisor's searcher side, in its actor context. */
  private interface SourceFactory {
    ProposalSource create(ActorContext<Command> context, SearchLedger ledger, ProposalSource.Owner owner);
  }

  /**
   * The searcher side for {@code searcher}: a portfolio with a member that is not quick has each
   * member asked on its own (so the slow one holds up no other); any other searcher is asked as one.
   */
  private static SourceFactory sources(SearchSettings settings, Searcher searcher, SearchRecovery.Recovered recovered) {
    if (asynchronous(searcher)) {
      return (ctx, ledger, owner) -> new PortfolioSource(ctx, recovered.book().orElseThrow(), ledger, owner,
          settings.virtualCost().isPresent(), recovered.memberUnanswered());
    }
    return (ctx, ledger, owner) -> new SingleSource(ctx, settings.searcher(), searcher, ledger, owner,
        recovered.unanswered());
  }

  /** Whether {@code searcher} is a portfolio whose members are asked each on its own. */
  static boolean asynchronous(Searcher searcher) {
    return searcher instanceof PortfolioSearcher p && !p.isQuick();
  }

  /**
   * A new search: journals {@code SearchCreated} into the empty {@code journal}, spawns a trainer actor
   * per slot and searches until the budget is spent; {@code done} completes with the final state.
   */
  public static Behavior<Command> create(SearchSettings settings, Searcher searcher, Journal journal,
      List<TrainerSlot> trainers, SearchListener listener, CompletableFuture<SearchState> done) {
    requireTrainers(trainers);
    return Behaviors.setup(ctx -> {
      SearchRecovery.Recovered fresh = SearchRecovery.fresh(settings, searcher);
      SearchSupervisor supervisor = new SearchSupervisor(ctx, settings, sources(settings, searcher, fresh), journal,
          listener, done, fresh.ledger(), fresh.state(), fresh.scheduler());
      supervisor.begin(new Event.SearchCreated(settings.spec(), settings.seed(), Version.get()), trainers, List.of());
      return supervisor;
    });
  }

  /**
   * A journaled search continued: replays {@code journal} into {@code searcher}, which must be fresh and
   * built from the journaled spec and seed (see {@link SearchRecovery}), then journals
   * {@code SearchResumed}, dispatches the trials that were running when the search stopped, and
   * searches on to the budget. The replay happens now, on the caller's thread, so a mismatch is
   * reported before any actor starts.
   *
   * @throws ResumeException if the journal is not a search's, or a re-derived proposal differs and
   *     {@code verify} is set
   */
  public static Behavior<Command> resume(SearchSettings settings, Searcher searcher, SearchSpace<?> space,
      Journal journal, boolean verify, List<TrainerSlot> trainers, SearchListener listener,
      CompletableFuture<SearchState> done) throws ResumeException {
    requireTrainers(trainers);
    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings, searcher, space, verify);
    if (recovered.ledger().finished().isPresent()) {
      throw new ResumeException("the search in " + journal.directory() + " already finished ("
          + recovered.ledger().finished().get() + "); there is nothing to resume");
    }
    return Behaviors.setup(ctx -> {
      SearchSupervisor supervisor = new SearchSupervisor(ctx, settings, sources(settings, searcher, recovered),
          journal, listener, done, recovered.ledger(), recovered.state(), recovered.scheduler());
      supervisor.begin(new Event.SearchResumed(Version.get()), trainers, recovered.mismatches());
      return supervisor;
    });
  }

  private static void requireTrainers(List<TrainerSlot> trainers) {
    if (trainers.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one trainer");
    }
  }

  private SearchSupervisor(ActorContext<Command> context, SearchSettings settings, SourceFactory sourceFactory,
      Journal journal, SearchListener listener, CompletableFuture<SearchState> done, SearchLedger ledger,
      SearchState state, Optional<Scheduler> scheduler) {
    super(context);
    this.settings = settings;
    this.sourceFactory = sourceFactory;
    this.journal = journal;
    ActorRef<Command> self = context.getSelf();
    this.durability = new Journal.DurabilityListener() {
      @Override
      public void durableThrough(long seq) {
        if (outbox.acknowledge(seq)) {
          self.tell(Drain.INSTANCE);
        }
      }

      @Override
      public void failed(JournalException cause) {
        self.tell(new JournalFailed(cause));
      }
    };
    this.listener = listener;
    this.done = done;
    this.ledger = ledger;
    this.state = state;
    this.virtual = settings.virtualCost().isPresent();
    this.scheduler = scheduler;
  }

  /** A fresh scheduler as the settings ask for, if any. */
  static Optional<Scheduler> scheduler(SearchSettings settings) {
    return settings.scheduler().map(c -> c.create(settings.direction(), settings.epochs()));
  }

  /**
   * Feeds a journaled event to the scheduler: reports in, ended trials out. Decisions are the
   * caller's to act on (a live supervisor) or to ignore (a replay, whose journal holds them).
   */
  static Optional<Decision> inform(Scheduler scheduler, SearchSettings settings, Event event) {
    if (event instanceof Event.EpochReported r) {
      Double objective = r.metrics().get(settings.objective());
      return Optional.of(scheduler.onReport(r.trial(), r.epoch(), objective == null ? Double.NaN : objective));
    } else if (event instanceof Event.TrialCompleted c) {
      scheduler.onFinished(c.trial());
    } else if (event instanceof Event.TrialFailed f) {
      scheduler.onFinished(f.trial());
    } else if (event instanceof Event.TrialPruned p) {
      scheduler.onFinished(p.trial());
    }
    return Optional.empty();
  }

  private void begin(Event first, List<TrainerSlot> trainers, List<String> mismatches) {
    record(first);
    for (String mismatch : mismatches) {
      record(new Event.NoteAdded("resumed without verification: " + mismatch));
    }
    source = sourceFactory.create(getContext(), ledger, new ProposalSource.Owner() {
      @Override
      public Optional<Envelope> record(Event event) {
        return SearchSupervisor.this.record(event);
      }

      @Override
      public void journalProposal(Proposal proposal) {
        SearchSupervisor.this.journalProposal(proposal);
      }
    });
    ActorRef<TrainerActor.Reply> replies = getContext().messageAdapter(TrainerActor.Reply.class, FromTrainer::new);
    for (TrainerSlot slot : trainers) {
      TrialStopper stopper = new TrialStopper();
      ActorRef<TrainerActor.Command> trainer = getContext().spawn(TrainerActor.create(slot, replies, stopper),
          "trainer-" + slot.name(), TrainerActor.DISPATCHER);
      getContext().watch(trainer);
      slots.put(trainer, slot);
      stoppers.put(trainer, stopper);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromTrainer.class, this::onTrainerReply)
        .onMessage(FromSearcher.class, this::onSearcherReply)
        .onMessage(Stop.class, this::onStop)
        .onMessageEquals(Drain.INSTANCE, this::onDrain)
        .onMessage(JournalFailed.class, f -> failed(f.cause()))
        .onMessage(TimeLimitReached.class, this::onTimeLimit)
        .onMessage(SearcherLost.class, this::onSearcherLost)
        .onMessage(Pause.class, this::onPause)
        .onMessageEquals(Resume.INSTANCE, this::onResume)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, u -> {
          subscribers.remove(u.subscriber());
          return this;
        })
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onTrainerReply(FromTrainer message) {
    TrainerActor.Reply reply = message.reply();
    if (reply instanceof TrainerActor.Ready r) {
      onReady(r.trainer());
    } else if (reply instanceof TrainerActor.Unusable u) {
      record(new Event.NoteAdded(u.cause())); // it stops: Terminated follows
    } else if (reply instanceof TrainerActor.Began b) {
      onBegan(b);
    } else if (reply instanceof TrainerActor.Dropped d) {
      onDropped(d);
    } else if (reply instanceof TrainerActor.EpochDone e) {
      onEpoch(e);
    } else if (reply instanceof TrainerActor.Finished || reply instanceof TrainerActor.Crashed
        || reply instanceof TrainerActor.Restarting) {
      onEnded(reply);
    } else {
      throw new IllegalStateException("unhandled trainer reply " + reply.getClass().getSimpleName());
    }
    return next();
  }

  private Behavior<Command> onSearcherReply(FromSearcher message) {
    SearcherActor.Reply reply = message.reply();
    if (finishing && reply != SearcherActor.Synced.INSTANCE) {
      return this; // nothing is journaled after the end: a late snapshot or fault note is of no use now
    }
    source.onReply(message.member(), reply);
    if (reply == SearcherActor.Synced.INSTANCE) {
      return finishing ? deliverDurable() : this;
    }
    return next();
  }

  /**
   * Journals a proposal as soon as it comes, whatever happened meanwhile (even a pause or a spent
   * budget): the searcher has made it, so a replay must make it too, at this point of the journal.
   */
  private void journalProposal(Proposal proposal) {
    record(new Event.TrialProposed(proposal.trial(), proposal.origin().orElse(settings.searcher()),
        proposal.candidate().canonical(), settings.epochs())).ifPresent(e -> ledger.proposed(e, proposal.candidate()));
  }

  /** Dispatch begins once every trainer is up, idle in name order, so the first assignments are reproducible. */
  private void onReady(ActorRef<TrainerActor.Command> trainer) {
    if (started) {
      if (!idle.contains(trainer)) {
        idle.add(trainer); // back from a restart
      }
      return;
    }
    ready.add(trainer);
    if (ready.size() == slots.size()) {
      ready.sort(Comparator.comparing(t -> slots.get(t).name()));
      idle.addAll(ready);
      started = true;
    }
  }

  /** A queued trial began on its trainer: journaled as started now, and timed from now. */
  private void onBegan(TrainerActor.Began began) {
    ActorRef<TrainerActor.Command> trainer = began.trainer();
    ArrayDeque<Flight> queue = queued.get(trainer);
    if (queue == null || queue.isEmpty() || !queue.peekFirst().trial().equals(began.trial())) {
      // Queued before the trainer restarted and delivered to its new incarnation: the trial was due
      // again since and may run elsewhere, so this copy is stopped (its end is then ignored).
      stopTrial(trainer, began.trial());
      return;
    }
    Flight flight = queue.pollFirst();
    queuedTrials.remove(flight.trial());
    TrainerSlot slot = slots.get(trainer);
    if (record(new Event.TrialStarted(flight.trial(), slot.name(), NODE, slot.device().toString(),
        flight.attempt())).isEmpty()) {
      return;
    }
    inFlight.put(trainer, flight);
    startTimeLimit(flight.trial(), flight.attempt());
    if (stopping.isEmpty() && pausing.isEmpty()) {
      hungry.add(trainer);
    }
  }

  /** A queued trial was dropped, as asked: it is due again, and its trainer may be idle now. */
  private void onDropped(TrainerActor.Dropped dropped) {
    ArrayDeque<Flight> queue = queued.get(dropped.trainer());
    if (queue != null && queue.removeIf(f -> f.trial().equals(dropped.trial()))) {
      queuedTrials.remove(dropped.trial());
    }
    if (!inFlight.containsKey(dropped.trainer()) && slots.containsKey(dropped.trainer())) {
      freed(dropped.trainer(), dropped);
    }
  }

  private void onEpoch(TrainerActor.EpochDone e) {
    Flight flight = inFlight.get(e.trainer());
    if (flight == null || !flight.trial().equals(e.trial())) {
      return;
    }
    if (virtual) {
      flight.epochs().add(e.report());
    } else {
      // Journaled even while pausing: the epoch was trained, and its checkpoint is what a resume
      // continues from. The scheduler's decision waits for the resume.
      Event.EpochReported report = new Event.EpochReported(e.trial(), e.report().epoch(), e.report().metrics());
      record(report);
      Optional<Decision> decision = scheduler.flatMap(s -> inform(s, settings, report));
      if (pausing.isEmpty() && decision.isPresent() && decision.get() instanceof Decision.Stop stop
          && !done.isDone()) {
        // Stopped early: journaled as pruned now; the trainer's late "stopped" reply only frees it.
        inFlight.remove(e.trainer());
        stopTrial(e.trainer(), e.trial());
        record(new Event.TrialPruned(e.trial(), e.report().epoch(), stop.rung()));
        record(new Event.NoteAdded("trial " + e.trial().value() + ": " + stop.reason()));
      }
    }
  }

  private void onEnded(TrainerActor.Reply reply) {
    ActorRef<TrainerActor.Command> trainer = reply.trainer();
    Flight flight = inFlight.get(trainer);
    if (flight == null || !flight.trial().equals(trialOf(reply))) {
      // A refused assignment (the trial it named runs elsewhere), or a trial already settled (past
      // its time limit): the trainer is free again, once back from a restart if it restarts.
      freed(trainer, reply);
      return;
    }
    if (pausing.isPresent() && (virtual || !(reply instanceof TrainerActor.Finished))) {
      // Interrupted by the pause (or, under a virtual clock, ended but not yet due): a resume trains
      // it again from its start, exactly as after a crash, so nothing of it is journaled now.
      inFlight.remove(trainer);
      freed(trainer, reply);
      return;
    }
    if (!virtual) {
      settle(trainer, flight, reply);
      return;
    }
    double end = flight.virtualStart();
    if (reply instanceof TrainerActor.Finished f) {
      Double cost = f.metrics().get(settings.virtualCost().get());
      end += cost != null && cost >= 0 ? cost : 0;
    }
    held.put(flight.ended(end), reply);
  }

  private static TrialId trialOf(TrainerActor.Reply reply) {
    if (reply instanceof TrainerActor.Finished f) {
      return f.trial();
    } else if (reply instanceof TrainerActor.Crashed c) {
      return c.trial();
    }
    return ((TrainerActor.Restarting) reply).trial();
  }

  /**
   * A trainer that ended a trial takes work again at once, unless it has begun a queued one or
   * restarts (it says Ready then, its queue lost: those trials are due again).
   */
  private void freed(ActorRef<TrainerActor.Command> trainer, TrainerActor.Reply reply) {
    if (reply instanceof TrainerActor.Restarting) {
      forgetQueue(trainer);
      return;
    }
    ArrayDeque<Flight> queue = queued.get(trainer);
    if ((queue == null || queue.isEmpty()) && !idle.contains(trainer)) {
      hungry.remove(trainer);
      idle.add(trainer);
    }
  }

  private void forgetQueue(ActorRef<?> trainer) {
    hungry.remove(trainer);
    ArrayDeque<Flight> queue = queued.remove(trainer);
    if (queue != null) {
      queue.forEach(f -> queuedTrials.remove(f.trial()));
    }
  }

  /** Asks every trainer to stop its trials, the queued ones first so that none begins meanwhile. */
  private void stopAllTrials() {
    hungry.clear();
    queued.forEach((trainer, queue) -> queue.descendingIterator()
        .forEachRemaining(f -> stopTrial(trainer, f.trial())));
    inFlight.forEach((trainer, flight) -> stopTrial(trainer, flight.trial()));
  }

  /**
   * Asks {@code trainer} to stop {@code trial}: through its stopper, which ends a running trial at its
   * next minibatch (the actor itself reads the message only between epochs), and by message, which
   * drops a queued one and answers either way.
   */
  private void stopTrial(ActorRef<TrainerActor.Command> trainer, TrialId trial) {
    Optional.ofNullable(stoppers.get(trainer)).ifPresent(stopper -> stopper.stop(trial));
    trainer.tell(new TrainerActor.StopTrial(trial));
  }

  /** Journals how a trial ended, which tells the searcher through the ledger, and frees its trainer. */
  private void settle(ActorRef<TrainerActor.Command> trainer, Flight flight, TrainerActor.Reply reply) {
    inFlight.remove(trainer);
    freed(trainer, reply);
    for (EpochReport report : flight.epochs()) {
      record(new Event.EpochReported(flight.trial(), report.epoch(), report.metrics()));
    }
    if (reply instanceof TrainerActor.Finished f) {
      Optional<Double> cost = virtual ? Optional.ofNullable(f.metrics().get(settings.virtualCost().get()))
          : Optional.of(f.seconds());
      if (cost.isEmpty() || !(cost.get() >= 0)) {
        record(new Event.TrialFailed(f.trial(), "result has no virtual cost metric '"
            + settings.virtualCost().orElse("") + "' >= 0", false, flight.attempt()));
      } else {
        record(new Event.TrialCompleted(f.trial(), f.metrics(), cost.get()));
      }
    } else if (reply instanceof TrainerActor.Crashed c) {
      record(new Event.TrialFailed(c.trial(), c.cause(), c.retryable(), flight.attempt()));
    } else {
      TrainerActor.Restarting r = (TrainerActor.Restarting) reply;
      record(new Event.TrialFailed(r.trial(), r.cause(), true, flight.attempt()));
    }
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    ActorRef<Void> stopped = terminated.getRef(); // equal to the typed reference it was spawned as
    Optional<Integer> member = source.memberOf(stopped);
    if (member.isPresent()) {
      return onSearcherLost(new SearcherLost(member.get(), "the searcher's actor stopped"));
    }
    return onTrainerTerminated(stopped);
  }

  /** The searcher takes no more calls: the search ends with {@code reason} once nothing runs. */
  private Behavior<Command> onSearcherLost(SearcherLost lost) {
    source.lost(lost.member(), lost.reason());
    return finishing ? deliverDurable() : next();
  }

  private Behavior<Command> onTrainerTerminated(ActorRef<Void> trainer) {
    TrainerSlot slot = slots.remove(trainer);
    stoppers.remove(trainer);
    idle.remove(trainer);
    ready.remove(trainer);
    held.values().removeIf(r -> r.trainer().equals(trainer));
    forgetQueue(trainer);
    Flight lost = inFlight.remove(trainer);
    if (lost != null && pausing.isEmpty()) {
      String cause = "trainer " + (slot == null ? "?" : slot.name()) + " stopped";
      record(new Event.TrialFailed(lost.trial(), cause, true, lost.attempt()));
    }
    if (!started && !slots.isEmpty() && ready.size() == slots.size()) {
      onReady(ready.remove(ready.size() - 1));
    }
    return next();
  }

  private Behavior<Command> onStop(Stop stop) {
    if (paused) {
      paused = false;
      pausing = Optional.empty();
      stopping = Optional.of(stop.reason());
    } else if (stopping.isEmpty() && pausing.isEmpty()) {
      stopping = Optional.of(stop.reason());
      stopAllTrials();
    }
    return next();
  }

  private Behavior<Command> onGetStatus(GetStatus get) {
    String phase = stopping.isPresent() ? "stopping"
        : paused ? "paused" : pausing.isPresent() ? "pausing" : "running";
    get.replyTo().tell(new Status(phase, ledger.proposedCount(), ledger.endedCount(), inFlight.size(),
        ledger.best(), ledger.cost()));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    subscribers.add(subscribe.subscriber());
    return this;
  }

  private Behavior<Command> onResume() {
    if (paused && stopping.isEmpty()) {
      paused = false;
      pausing = Optional.empty();
      record(new Event.SearchResumed(Version.get()));
      ledger.reopenAll();
    }
    return next();
  }

  private Behavior<Command> onPause(Pause pause) {
    if (paused) {
      pause.replyTo().tell(new Paused(state));
      return this;
    }
    pauseReplies.add(pause.replyTo());
    if (stopping.isEmpty() && pausing.isEmpty()) {
      pausing = Optional.of(pause.reason());
      // Held results are dropped, not journaled: a resume trains those trials again and settles them
      // in the same virtual-time order as an uninterrupted run would.
      for (TrainerActor.Reply reply : held.values()) {
        inFlight.remove(reply.trainer());
        freed(reply.trainer(), reply);
      }
      held.clear();
      stopAllTrials();
    }
    return next();
  }

  /** Dispatches to idle trainers and settles held results, then decides whether the search has ended. */
  private Behavior<Command> next() {
    if (done.isDone()) {
      return Behaviors.stopped(); // the journal failed
    }
    if (finishing) {
      return this;
    }
    if (!started && slots.isEmpty()) {
      return finish("no trainer left");
    }
    if (started) {
      dispatch();
      // A held result is settled only once the searcher has answered: it sees the calls in the order
      // a discrete-event simulation makes them.
      while (virtual && !source.asking() && !held.isEmpty() && held.size() == inFlight.size() && !done.isDone()) {
        Map.Entry<Flight, TrainerActor.Reply> first = held.pollFirstEntry();
        settle(first.getValue().trainer(), first.getKey(), first.getValue());
        dispatch();
      }
    }
    if (done.isDone()) {
      return Behaviors.stopped();
    }
    if (!inFlight.isEmpty() || !queuedTrials.isEmpty() || source.asking()) {
      return this; // a pause or the end is journaled after the outstanding answer
    }
    if (pausing.isPresent()) {
      if (!paused) {
        paused = true;
        record(new Event.SearchPaused(pausing.get()));
      }
      return deliverDurable();
    }
    if (!started) {
      return this;
    }
    Optional<String> end = endReason();
    return end.isPresent() ? finish(end.get()) : this;
  }

  /** Gives due trials, then fresh proposals, to idle trainers, then to the queues of busy ones (prefetch). */
  private void dispatch() {
    while (stopping.isEmpty() && pausing.isEmpty() && !done.isDone() && (!idle.isEmpty() || !hungry.isEmpty())) {
      Optional<SearchLedger.OpenTrial> due = ledger.nextDue(queuedTrials);
      if (due.isPresent()) {
        if (!idle.isEmpty()) {
          assign(idle.poll(), due.get());
        } else {
          enqueue(hungry.iterator().next(), due.get());
        }
        continue;
      }
      if (!ledger.spent(Instant.now()).isPresent()) {
        source.ask(idle.size() + queueRoom());
      }
      return; // the answers dispatch the proposals, and ask again if trainers are still free
    }
  }

  /** Journals the end; the search completes once everything journaled is durable. */
  private Behavior<Command> finish(String reason) {
    record(new Event.SearchFinished(reason));
    finishing = true;
    source.sync();
    return deliverDurable();
  }

  private Behavior<Command> onDrain() {
    return deliverDurable();
  }

  /**
   * Shows the outside world (listener, subscribers, pause replies, {@code done}) what is durable now:
   * an acknowledged event is one a crash cannot take back.
   */
  private Behavior<Command> deliverDurable() {
    boolean allDelivered = outbox.drain(envelope -> {
      listener.onEvent(envelope, state);
      subscribers.forEach(s -> s.tell(envelope));
    });
    if (!allDelivered || done.isDone()) {
      return done.isDone() ? Behaviors.stopped() : this;
    }
    if (paused && !pauseReplies.isEmpty()) {
      pauseReplies.forEach(r -> r.tell(new Paused(state)));
      pauseReplies.clear();
    }
    if (finishing && source.caughtUp()) {
      done.complete(state);
      return Behaviors.stopped();
    }
    return this;
  }

  /** The journal failed: nothing may act on what it may not hold, so the search ends here. */
  private Behavior<Command> failed(Throwable cause) {
    Throwable error = cause instanceof java.util.concurrent.CompletionException c && c.getCause() != null
        ? c.getCause() : cause;
    done.completeExceptionally(error);
    return Behaviors.stopped();
  }

  private Optional<String> endReason() {
    if (stopping.isPresent()) {
      return stopping;
    }
    if (source.broken().isPresent()) {
      return source.broken();
    }
    if (slots.isEmpty()) {
      return Optional.of("no trainer left");
    }
    if (ledger.nextDue().isPresent()) {
      return Optional.empty();
    }
    Optional<String> spent = ledger.spent(Instant.now());
    if (spent.isPresent()) {
      return spent;
    }
    if (source.exhausted()) {
      return Optional.of("search space exhausted");
    }
    if (source.starved()) {
      return Optional.of("the searcher proposed nothing with no trial running"); // nothing runs: see next()
    }
    return Optional.empty();
  }

  private void assign(ActorRef<TrainerActor.Command> trainer, SearchLedger.OpenTrial due) {
    TrainerSlot slot = slots.get(trainer);
    TrainRequest request = due.request();
    int attempt = due.attempt();
    if (record(new Event.TrialStarted(request.trial(), slot.name(), NODE, slot.device().toString(),
        attempt)).isEmpty()) {
      return;
    }
    inFlight.put(trainer, new Flight(request.trial(), attempt, due.virtualStart(), Double.NaN, new ArrayList<>()));
    trainer.tell(new TrainerActor.Assign(request, attempt, false, settings.checkpointsOf(request.trial())));
    startTimeLimit(request.trial(), attempt);
    if (settings.prefetch() > 0) {
      hungry.add(trainer);
    }
  }

  /** Queues a due trial on a busy trainer; it is journaled as started when the trainer begins it. */
  private void enqueue(ActorRef<TrainerActor.Command> trainer, SearchLedger.OpenTrial due) {
    ArrayDeque<Flight> queue = queued.computeIfAbsent(trainer, t -> new ArrayDeque<>());
    queue.add(new Flight(due.request().trial(), due.attempt(), Double.NaN, Double.NaN, new ArrayList<>()));
    queuedTrials.add(due.request().trial());
    if (queue.size() >= settings.prefetch()) {
      hungry.remove(trainer);
    }
    trainer.tell(new TrainerActor.Assign(due.request(), due.attempt(), true,
        settings.checkpointsOf(due.request().trial())));
  }

  /** Free places in the queues of busy trainers (prefetch). */
  private int queueRoom() {
    int room = 0;
    for (ActorRef<TrainerActor.Command> trainer : hungry) {
      ArrayDeque<Flight> queue = queued.get(trainer);
      room += settings.prefetch() - (queue == null ? 0 : queue.size());
    }
    return room;
  }

  private void startTimeLimit(TrialId trial, int attempt) {
    if (!virtual) {
      settings.trialTimeLimit().ifPresent(limit -> getContext().scheduleOnce(limit, getContext().getSelf(),
          new TimeLimitReached(trial, attempt)));
    }
  }

  /**
   * Fails a trial past its time limit and asks its trainer to stop it. The trainer takes work again
   * once it answers; one stuck inside an epoch stays out of the search until it does.
   */
  private Behavior<Command> onTimeLimit(TimeLimitReached limit) {
    for (Map.Entry<ActorRef<TrainerActor.Command>, Flight> e : inFlight.entrySet()) {
      Flight flight = e.getValue();
      if (flight.trial().equals(limit.trial()) && flight.attempt() == limit.attempt() && pausing.isEmpty()) {
        inFlight.remove(e.getKey());
        stopTrial(e.getKey(), limit.trial());
        record(new Event.TrialFailed(limit.trial(), "exceeded its time limit of "
            + settings.trialTimeLimit().orElseThrow(), false, limit.attempt()));
        break;
      }
    }
    return next();
  }

  /**
   * Journals an event and folds it into the ledger (which decides what the searcher is told) and the
   * state; the listener and subscribers see it once it is durable. Empty if the journal failed, which
   * ends the search.
   *
   * <p>The searcher is told, and the next trials dispatched, as soon as the event is written, before
   * its group fsync: everything they lead to is journaled after it, and the journal is a log that
   * recovers a prefix, so a crash that takes back this event takes back all that followed from it,
   * and a resume re-derives the same course. What only the outside world sees waits for durability.
   */
  private Optional<Envelope> record(Event event) {
    if (done.isDone()) {
      return Optional.empty();
    }
    if (source != null) { // null while the first events are journaled, before the searcher side exists
      source.beforeRecord(event);
    }
    if (done.isDone()) {
      return Optional.empty();
    }
    Envelope envelope;
    try {
      envelope = journal.appendReporting(event, durability);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return Optional.empty();
    }
    outbox.add(envelope);
    Optional<Outcome> outcome = event instanceof Event.TrialProposed ? Optional.empty() : ledger.apply(envelope);
    state.apply(event);
    if (!(event instanceof Event.EpochReported)) {
      scheduler.ifPresent(s -> inform(s, settings, event));
    }
    outcome.ifPresent(o -> {
      tell(o);
      settings.checkpointsOf(o.trial()).ifPresent(SearchSupervisor::deleteTree); // the trial ended for good
    });
    if (event instanceof Event.SearchFinished) {
      settings.checkpoints().ifPresent(SearchSupervisor::deleteTree); // nothing will be resumed
    }
    return Optional.of(envelope);
  }

  /** Tells the searcher an outcome the journal now holds; it may propose again. */
  private void tell(Outcome outcome) {
    source.tell(outcome);
  }

  /** The trial {@code event} may end (a completion, failure or pruning), if it is such an event. */
  static Optional<TrialId> endedTrial(Event event) {
    if (event instanceof Event.TrialCompleted c) {
      return Optional.of(c.trial());
    } else if (event instanceof Event.TrialFailed f) {
      return Optional.of(f.trial());
    } else if (event instanceof Event.TrialPruned p) {
      return Optional.of(p.trial());
    }
    return Optional.empty();
  }

  /** Deletes a checkpoint directory; one left behind costs only disk space, so failures are ignored. */
  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // left for the next cleanup
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SearchSupervisor[%s, %d in flight]", journal.directory(), inFlight.size());
  }
}
