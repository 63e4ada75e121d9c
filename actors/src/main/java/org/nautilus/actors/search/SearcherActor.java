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
 * asks and tells the journal records. The calls, faults and snapshots are {@link SearcherHost}'s; this
 * actor only gives it a thread (a {@linkplain Searcher#isQuick quick} searcher's host may run on the
 * supervisor's own).
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

  private final SearcherHost host;

  /**
   * A searcher actor for {@code searcher}, which has already been told {@code outcomesTold} outcomes
   * (those of a replayed journal), replying to {@code owner}.
   */
  public static Behavior<Command> create(Searcher searcher, long outcomesTold, ActorRef<Reply> owner) {
    return create(searcher, outcomesTold, owner::tell);
  }

  /**
   * A searcher actor replying through {@code owner}, called on this actor's thread (so it must only
   * send messages, e.g. tag the reply and tell an actor).
   */
  public static Behavior<Command> create(Searcher searcher, long outcomesTold, java.util.function.Consumer<Reply> owner) {
    return Behaviors.setup(ctx -> new SearcherActor(ctx, new SearcherHost(searcher, outcomesTold, owner)));
  }

  private SearcherActor(ActorContext<Command> context, SearcherHost host) {
    super(context);
    this.host = host;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Command.class, command -> {
          host.handle(command);
          return this;
        })
        .build();
  }
}
