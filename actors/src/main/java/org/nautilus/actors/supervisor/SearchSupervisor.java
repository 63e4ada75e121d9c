package org.nautilus.actors.supervisor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.nautilus.actors.train.TrainerActor;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.journal.Journal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * Runs one search: the only writer of its journal, owner of its searcher, parent of one trainer actor
 * per device. Pull-based: a trainer that becomes idle gets the next proposal at once. Write-ahead:
 * every event is appended to the journal before anything acts on it (a trial is journaled as started
 * before its trainer is told; a completion is journaled before the searcher is told).
 *
 * <p>The search ends, with {@code SearchFinished} journaled and {@code done} completed with the
 * final state, when the trial budget is trained, the searcher is exhausted, every trainer is lost, or
 * too many trials fail in a row. A journal that cannot be written ends it at once, exceptionally.
 */
public final class SearchSupervisor extends AbstractBehavior<SearchSupervisor.Command> {
  /** Messages the supervisor accepts. */
  public sealed interface Command {}

  /** Stop dispatching, stop the running trials and finish the search. */
  public record Stop(String reason) implements Command {}

  private record FromTrainer(TrainerActor.Reply reply) implements Command {}

  private final SearchSettings settings;
  private final Searcher searcher;
  private final Journal journal;
  private final SearchListener listener;
  private final CompletableFuture<SearchState> done;
  private final SearchState state = new SearchState();

  private final Map<ActorRef<TrainerActor.Command>, TrainerSlot> slots = new HashMap<>();
  /** Idle trainers in the order they became idle, so dispatch order is reproducible. */
  private final ArrayDeque<ActorRef<TrainerActor.Command>> idle = new ArrayDeque<>();
  private final Map<ActorRef<TrainerActor.Command>, InFlight> inFlight = new HashMap<>();
  private long nextTrial = 1;
  private int consecutiveFailures;
  private Optional<String> stopping = Optional.empty();
  private boolean searcherStalled;

  private record InFlight(TrainRequest request, int attempt) {}

  /**
   * The behavior of a supervisor that journals {@code SearchCreated}, spawns a trainer actor per slot
   * and searches until the budget is spent; {@code done} completes with the final state.
   */
  public static Behavior<Command> create(SearchSettings settings, Searcher searcher, Journal journal,
      List<TrainerSlot> trainers, SearchListener listener, CompletableFuture<SearchState> done) {
    if (trainers.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one trainer");
    }
    return Behaviors.setup(ctx -> new SearchSupervisor(ctx, settings, searcher, journal, trainers, listener, done));
  }

  private SearchSupervisor(ActorContext<Command> context, SearchSettings settings, Searcher searcher,
      Journal journal, List<TrainerSlot> trainers, SearchListener listener, CompletableFuture<SearchState> done) {
    super(context);
    this.settings = settings;
    this.searcher = searcher;
    this.journal = journal;
    this.listener = listener;
    this.done = done;
    record(new Event.SearchCreated(settings.spec(), settings.seed(), Version.get()));
    ActorRef<TrainerActor.Reply> replies = context.messageAdapter(TrainerActor.Reply.class, FromTrainer::new);
    for (TrainerSlot slot : trainers) {
      ActorRef<TrainerActor.Command> trainer =
          context.spawn(TrainerActor.create(slot, replies), "trainer-" + slot.name(), TrainerActor.DISPATCHER);
      context.watch(trainer);
      slots.put(trainer, slot);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromTrainer.class, this::onTrainerReply)
        .onMessage(Stop.class, this::onStop)
        .onSignal(Terminated.class, this::onTrainerTerminated)
        .build();
  }

  private Behavior<Command> onTrainerReply(FromTrainer message) {
    TrainerActor.Reply reply = message.reply();
    if (reply instanceof TrainerActor.Ready r) {
      idle.add(r.trainer());
    } else if (reply instanceof TrainerActor.EpochDone e) {
      record(new Event.EpochReported(e.trial(), e.report().epoch(), e.report().metrics()));
    } else if (reply instanceof TrainerActor.Finished f) {
      onFinished(f);
    } else if (reply instanceof TrainerActor.Crashed c) {
      onCrashed(c);
    } else {
      throw new IllegalStateException("unhandled trainer reply " + reply.getClass().getSimpleName());
    }
    return next();
  }

  private void onFinished(TrainerActor.Finished f) {
    inFlight.remove(f.trainer());
    idle.add(f.trainer());
    record(new Event.TrialCompleted(f.trial(), f.metrics(), f.seconds()));
    Double objective = f.metrics().get(settings.objective());
    if (objective == null || !Double.isFinite(objective)) {
      searcher.tell(new Outcome.Failed(f.trial(), "objective " + settings.objective() + " is " + objective));
      consecutiveFailures++;
    } else {
      searcher.tell(new Outcome.Completed(f.trial(), objective, f.metrics()));
      consecutiveFailures = 0;
    }
  }

  private void onCrashed(TrainerActor.Crashed c) {
    InFlight failed = inFlight.remove(c.trainer());
    idle.add(c.trainer());
    if (failed == null || !failed.request().trial().equals(c.trial())) {
      return; // a refused assignment: the trial it named is still running elsewhere
    }
    record(new Event.TrialFailed(c.trial(), c.cause(), c.retryable(), failed.attempt()));
    settleFailure(failed, c.cause(), c.retryable());
  }

  /** Retries a failed trial when its cause allows and attempts remain; otherwise tells the searcher. */
  private void settleFailure(InFlight failed, String cause, boolean retryable) {
    if (retryable && failed.attempt() <= settings.maxRetries() && stopping.isEmpty()) {
      ActorRef<TrainerActor.Command> trainer = idle.poll();
      if (trainer != null) {
        assign(trainer, failed.request(), failed.attempt() + 1);
        return;
      }
    }
    searcher.tell(new Outcome.Failed(failed.request().trial(), cause));
    consecutiveFailures++;
  }

  private Behavior<Command> onTrainerTerminated(Terminated terminated) {
    ActorRef<Void> trainer = terminated.getRef(); // equal to the typed reference it was spawned as
    TrainerSlot slot = slots.remove(trainer);
    idle.remove(trainer);
    InFlight lost = inFlight.remove(trainer);
    if (lost != null) {
      String cause = "trainer " + (slot == null ? "?" : slot.name()) + " stopped";
      record(new Event.TrialFailed(lost.request().trial(), cause, true, lost.attempt()));
      settleFailure(lost, cause, true);
    }
    return next();
  }

  private Behavior<Command> onStop(Stop stop) {
    if (stopping.isEmpty()) {
      stopping = Optional.of(stop.reason());
      inFlight.forEach((trainer, flight) -> trainer.tell(new TrainerActor.StopTrial(flight.request().trial())));
    }
    return next();
  }

  /** Dispatches to idle trainers, then decides whether the search has ended. */
  private Behavior<Command> next() {
    if (done.isDone()) {
      return Behaviors.stopped(); // the journal failed
    }
    while (stopping.isEmpty() && !idle.isEmpty() && budgetLeft() && !searcher.isExhausted()
        && consecutiveFailures < settings.maxConsecutiveFailures()) {
      TrialId trial = TrialId.of(nextTrial);
      Optional<Proposal> proposal = searcher.ask(trial);
      if (proposal.isEmpty()) {
        // The searcher waits for outcomes; with none to come it never will propose again.
        searcherStalled = inFlight.isEmpty();
        break;
      }
      nextTrial++;
      String candidate = proposal.get().candidate().canonical();
      record(new Event.TrialProposed(trial, settings.searcher(), candidate, settings.epochs()));
      TrainRequest request = new TrainRequest(trial, proposal.get().candidate(), settings.epochs(),
          settings.trialSeed(trial.value()));
      assign(idle.poll(), request, 1);
    }
    Optional<String> end = endReason();
    if (end.isEmpty() || !inFlight.isEmpty()) {
      return this;
    }
    record(new Event.SearchFinished(end.get()));
    if (!done.isDone()) {
      done.complete(state);
    }
    return Behaviors.stopped();
  }

  private boolean budgetLeft() {
    return nextTrial <= settings.trials();
  }

  private Optional<String> endReason() {
    if (stopping.isPresent()) {
      return stopping;
    }
    if (consecutiveFailures >= settings.maxConsecutiveFailures()) {
      return Optional.of(consecutiveFailures + " trials failed in a row");
    }
    if (slots.isEmpty()) {
      return Optional.of("no trainer left");
    }
    if (!budgetLeft()) {
      return Optional.of("trial budget of " + settings.trials() + " reached");
    }
    if (searcher.isExhausted()) {
      return Optional.of("search space exhausted");
    }
    if (searcherStalled) {
      return Optional.of("the searcher proposed nothing with no trial running");
    }
    return Optional.empty();
  }

  private void assign(ActorRef<TrainerActor.Command> trainer, TrainRequest request, int attempt) {
    TrainerSlot slot = slots.get(trainer);
    record(new Event.TrialStarted(request.trial(), slot.name(), Event.TrialStarted.LOCAL_NODE, slot.device().toString(), attempt));
    inFlight.put(trainer, new InFlight(request, attempt));
    trainer.tell(new TrainerActor.Assign(request, attempt));
  }

  /** Journals an event, folds it into the state, then lets the listener see it. */
  private void record(Event event) {
    if (done.isDone()) {
      return;
    }
    Envelope envelope;
    try {
      envelope = journal.append(event);
    } catch (RuntimeException e) {
      // Nothing may act on an event that is not journaled: the search ends here.
      done.completeExceptionally(e);
      return;
    }
    state.apply(event);
    listener.onEvent(envelope, state);
  }
}
