package org.nautilus.actors.search;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * Owns a search's {@link Searcher} and calls it on a thread of its own ({@link #DISPATCHER}), so that
 * slow searcher work (a GP fit) never holds up the supervisor: it keeps journaling results, answering
 * status requests and dispatching due trials meanwhile. Calls are made in the order the messages
 * arrive, which is the order the supervisor sent them, so the searcher sees exactly the sequence of
 * asks and tells the journal records.
 *
 * <p>Faults are handled here: a searcher that throws is restored from its last snapshot plus the calls
 * since and the call is made again ({@link GuardedSearcher}); {@link #MAX_FAULTS} faults in a row, a
 * restore that fails, or an outcome it fails to learn twice break it, which the supervisor is told in a
 * {@link Faulted} reply and ends the search on. Snapshots are taken at doubling intervals and sent to
 * the supervisor to journal.
 */
public final class SearcherActor extends AbstractBehavior<SearcherActor.Command> {
  /** The dispatcher a searcher actor must be spawned on: its own thread, off the supervisor's. */
  public static final DispatcherSelector DISPATCHER = DispatcherSelector.fromConfig("nautilus.searcher-dispatcher");

  /** Faults in a row after which the searcher is broken instead of restored again. */
  public static final int MAX_FAULTS = 3;
  /**
   * Outcomes told between two snapshots (the point a fault recovers from): at least this many, and at
   * least as many as before the last snapshot (the interval doubles). A snapshot grows with the history,
   * so a fixed interval would make snapshotting quadratic in the trials; doubling keeps its total cost
   * within twice the final snapshot, at the price of replaying up to half the history after a fault.
   */
  public static final int SNAPSHOT_EVERY = 100;

  /** Messages a searcher actor accepts. */
  public sealed interface Command {}

  /**
   * Propose trials {@code first}, {@code first + 1}, ... up to {@code count} of them, asking for each in
   * turn and stopping at the first the searcher has nothing for: each proposal is sent as made, in a
   * {@link Proposed} reply, and an {@link Answered} reply ends the answer.
   */
  public record Ask(TrialId first, int count) implements Command {
    public Ask {
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1, got " + count);
      }
    }
  }

  /** Learn an outcome the journal holds. */
  public record Tell(Outcome outcome) implements Command {}

  /** Answered by {@link Synced} once every call sent before it has been made. */
  public enum Sync implements Command {
    INSTANCE
  }

  /** What a searcher actor tells its owner. */
  public sealed interface Reply {}

  /** One proposal of the answer to an {@link Ask}, in trial order. */
  public record Proposed(Proposal proposal) implements Reply {}

  /**
   * The end of the answer to the {@link Ask} for {@code first}: {@code proposed} proposals were sent;
   * fewer than asked when the searcher waits for outcomes, is {@code exhausted}, or is broken (a
   * {@link Faulted} reply said so first).
   */
  public record Answered(TrialId first, int proposed, boolean exhausted) implements Reply {}

  /**
   * The searcher threw; {@code note} says how and whether it was restored. When {@code broken} is
   * present the searcher takes no more calls and the search must end with that reason.
   */
  public record Faulted(String note, Optional<String> broken) implements Reply {}

  /** Every call sent before the {@link Sync} has been made. */
  public enum Synced implements Reply {
    INSTANCE
  }

  /** The searcher's state after {@code outcomesTold} outcomes, to journal. */
  public record Snapshotted(int outcomesTold, byte[] state) implements Reply {}

  private final GuardedSearcher searcher;
  private final ActorRef<Reply> owner;
  private long outcomesTold;
  private long outcomesAtSnapshot;
  private int faultsInARow;
  private boolean broken;

  /**
   * A searcher actor for {@code searcher}, which has already been told {@code outcomesTold} outcomes
   * (those of a replayed journal), replying to {@code owner}.
   */
  public static Behavior<Command> create(Searcher searcher, long outcomesTold, ActorRef<Reply> owner) {
    return Behaviors.setup(ctx -> new SearcherActor(ctx, searcher, outcomesTold, owner));
  }

  private SearcherActor(ActorContext<Command> context, Searcher searcher, long outcomesTold, ActorRef<Reply> owner) {
    super(context);
    this.searcher = new GuardedSearcher(searcher);
    this.owner = owner;
    this.outcomesTold = outcomesTold;
    this.outcomesAtSnapshot = outcomesTold;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Ask.class, this::onAsk)
        .onMessage(Tell.class, this::onTell)
        .onMessageEquals(Sync.INSTANCE, () -> {
          owner.tell(Synced.INSTANCE);
          return this;
        })
        .build();
  }

  private Behavior<Command> onAsk(Ask ask) {
    int proposed = 0;
    boolean exhausted = false;
    while (!broken && proposed < ask.count()) {
      TrialId trial = TrialId.of(ask.first().value() + proposed);
      try {
        Optional<Proposal> proposal = searcher.ask(trial);
        faultsInARow = 0;
        if (proposal.isEmpty()) {
          exhausted = searcher.isExhausted();
          break;
        }
        owner.tell(new Proposed(proposal.get()));
        proposed++;
      } catch (GuardedSearcher.SearcherFault fault) {
        faulted(fault, Optional.empty()); // restored, unless now broken: asked again for the same trial
      }
    }
    owner.tell(new Answered(ask.first(), proposed, exhausted));
    return this;
  }

  private Behavior<Command> onTell(Tell tell) {
    if (broken) {
      return this;
    }
    Outcome outcome = tell.outcome();
    for (int attempt = 1; ; attempt++) {
      try {
        searcher.tell(outcome);
        faultsInARow = 0;
        break;
      } catch (GuardedSearcher.SearcherFault fault) {
        // A resume would replay the same call, so an outcome that fails twice cannot be got past.
        faulted(fault, attempt == 2 ? Optional.of("the searcher failed twice on the outcome of trial "
            + outcome.trial().value() + ": " + fault.getMessage()) : Optional.empty());
        if (broken) {
          return this;
        }
      }
    }
    outcomesTold++;
    if (outcomesTold - outcomesAtSnapshot >= Math.max(SNAPSHOT_EVERY, outcomesAtSnapshot)) {
      outcomesAtSnapshot = outcomesTold;
      owner.tell(new Snapshotted((int) Math.min(Integer.MAX_VALUE, outcomesTold), searcher.snapshot()));
    }
    return this;
  }

  private void faulted(GuardedSearcher.SearcherFault fault, Optional<String> fatal) {
    faultsInARow++;
    String note = fault.getMessage() + (fault.restored() ? "; restored from its last snapshot and the calls since" : "");
    Optional<String> reason = fatal;
    if (reason.isEmpty() && (!fault.restored() || faultsInARow >= MAX_FAULTS)) {
      reason = Optional.of("the searcher failed " + faultsInARow + " time(s) in a row: " + fault.getMessage());
    }
    broken = reason.isPresent();
    owner.tell(new Faulted(note, reason));
  }
}
