package org.nautilus.actors.supervisor;

import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.nautilus.actors.search.SearcherActor;
import org.nautilus.actors.search.SearcherHost;
import org.nautilus.nas.search.Searcher;

/**
 * Where a supervisor's calls to one searcher go: an actor of its own on the searcher dispatcher, or,
 * for a {@linkplain Searcher#isQuick quick} searcher, its host on the supervisor's thread. Either way
 * the replies come back as {@link SearchSupervisor.FromSearcher} messages tagged with {@code member},
 * and a searcher that can take no more calls is reported as {@link SearchSupervisor.SearcherLost}
 * (its actor's {@code Terminated} signal, or its inline host's failure).
 */
final class HostedSearcher {
  private final Consumer<SearcherActor.Command> calls;
  private final Optional<ActorRef<SearcherActor.Command>> actor;

  private HostedSearcher(Consumer<SearcherActor.Command> calls, Optional<ActorRef<SearcherActor.Command>> actor) {
    this.calls = calls;
    this.actor = actor;
  }

  /**
   * Hosts {@code searcher}, already told {@code outcomesTold} outcomes, as member {@code member} of the
   * supervisor's searchers; an actor of its own is named {@code actorName} and watched.
   */
  static HostedSearcher host(ActorContext<SearchSupervisor.Command> context, Searcher searcher, long outcomesTold,
      int member, String actorName) {
    ActorRef<SearchSupervisor.Command> self = context.getSelf();
    Consumer<SearcherActor.Reply> replies = reply -> self.tell(new SearchSupervisor.FromSearcher(member, reply));
    if (searcher.isQuick()) {
      // Called here, between messages: a quick searcher's calls cost less than the two thread hops of
      // an actor of its own (0.65x the trials/s with those hops, BENCHMARKS.md). Its replies still come
      // as messages after the current one, so the journal records the same order of calls either way.
      return new HostedSearcher(inline(self, searcher, outcomesTold, member, replies), Optional.empty());
    }
    ActorRef<SearcherActor.Command> actor = context.spawn(SearcherActor.create(searcher, outcomesTold, replies),
        actorName, SearcherActor.DISPATCHER);
    context.watch(actor);
    return new HostedSearcher(actor::tell, Optional.of(actor));
  }

  /**
   * Calls to a quick searcher's host on the supervisor's thread. What its actor would die of (an
   * exception the fault policy does not cover, e.g. from {@code snapshot()}) ends the searcher as its
   * actor's death would, through a message, instead of failing the supervisor.
   */
  private static Consumer<SearcherActor.Command> inline(ActorRef<SearchSupervisor.Command> self, Searcher quick,
      long outcomesTold, int member, Consumer<SearcherActor.Reply> replies) {
    SearcherHost host;
    try {
      host = new SearcherHost(quick, outcomesTold, replies);
    } catch (RuntimeException e) {
      self.tell(new SearchSupervisor.SearcherLost(member, "the searcher failed: " + e));
      return command -> { };
    }
    boolean[] lost = {false};
    return command -> {
      if (lost[0]) {
        return; // as a stopped actor's, its mail goes nowhere
      }
      try {
        host.handle(command);
      } catch (RuntimeException e) {
        lost[0] = true;
        self.tell(new SearchSupervisor.SearcherLost(member, "the searcher failed: " + e));
      }
    };
  }

  /** Sends {@code command} to the searcher. */
  void call(SearcherActor.Command command) {
    calls.accept(command);
  }

  /** Whether {@code stopped} is this searcher's actor. */
  boolean isActor(ActorRef<Void> stopped) {
    return actor.isPresent() && stopped.equals(actor.get());
  }
}
