package org.nautilus.actors.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.supervisor.SearchSupervisor;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.journal.Journal;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Searcher;

/**
 * Runs one search in an actor system of its own, for callers that are not Pekko applications.
 * The system terminates when the search ends.
 */
public final class LocalSearch {
  private final ActorSystem<SearchSupervisor.Command> system;
  private final CompletableFuture<SearchState> done;

  private LocalSearch(ActorSystem<SearchSupervisor.Command> system, CompletableFuture<SearchState> done) {
    this.system = system;
    this.done = done;
  }

  /** Starts a search; the caller keeps ownership of {@code journal} and closes it after {@link #result()}. */
  public static LocalSearch start(SearchSettings settings, Searcher searcher, Journal journal,
      List<TrainerSlot> trainers, SearchListener listener) {
    return start(settings, searcher, journal, trainers, listener, ConfigFactory.load());
  }

  /** As {@link #start(SearchSettings, Searcher, Journal, List, SearchListener)}, with a given Pekko config. */
  public static LocalSearch start(SearchSettings settings, Searcher searcher, Journal journal,
      List<TrainerSlot> trainers, SearchListener listener, Config config) {
    CompletableFuture<SearchState> done = new CompletableFuture<>();
    ActorSystem<SearchSupervisor.Command> system = ActorSystem.create(
        SearchSupervisor.create(settings, searcher, journal, trainers, listener, done), "nautilus", config);
    // The supervisor is the guardian: when it stops, the system terminates; if it died without
    // completing the search (an actor bug), the caller must not wait forever.
    system.getWhenTerminated().whenComplete((terminated, error) -> {
      if (!done.isDone()) {
        done.completeExceptionally(new IllegalStateException("the search supervisor stopped before the search ended"));
      }
    });
    done.whenComplete((state, error) -> system.terminate());
    return new LocalSearch(system, done);
  }

  /** Asks the search to stop: running trials are stopped and the search finishes with {@code reason}. */
  public void stop(String reason) {
    system.tell(new SearchSupervisor.Stop(reason));
  }

  /** Completes with the final state when the search has ended, after the actor system has terminated. */
  public CompletionStage<SearchState> result() {
    return done.thenCombine(system.getWhenTerminated(), (state, terminated) -> state);
  }
}
