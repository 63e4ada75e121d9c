package org.nautilus.actors.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.nautilus.actors.supervisor.ResumeException;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.supervisor.SearchSupervisor;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.journal.Journal;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.space.SearchSpace;

/**
 * Runs one search in an actor system of its own, for callers that are not Pekko applications.
 * The system terminates when the search ends.
 */
public final class LocalSearch {
  private final ActorSystem<SearchSupervisor.Command> system;
  /** Completes when the search finishes or this run of it pauses. */
  private final CompletableFuture<SearchState> ended;
  private static final Duration PAUSE_TIMEOUT = Duration.ofMinutes(10);

  private LocalSearch(ActorSystem<SearchSupervisor.Command> system, CompletableFuture<SearchState> ended) {
    this.system = system;
    this.ended = ended;
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
    return run(SearchSupervisor.create(settings, searcher, journal, trainers, listener, done), done, config);
  }

  /**
   * Continues the search journaled in {@code journal}, opened to append: replays it into
   * {@code searcher} (fresh, built from the journaled spec and seed), checks each re-derived proposal
   * against the journaled one unless {@code verify} is off, then trains the trials that were running
   * when the search stopped and searches on to the budget.
   *
   * @throws ResumeException if a re-derived proposal differs (and {@code verify} is set), or the
   *     journal is not a search's
   */
  public static LocalSearch resume(SearchSettings settings, Searcher searcher, SearchSpace<?> space,
      Journal journal, List<TrainerSlot> trainers, SearchListener listener, boolean verify, Config config)
      throws ResumeException {
    CompletableFuture<SearchState> done = new CompletableFuture<>();
    return run(SearchSupervisor.resume(settings, searcher, space, journal, verify, trainers, listener, done),
        done, config);
  }

  private static LocalSearch run(Behavior<SearchSupervisor.Command> supervisor,
      CompletableFuture<SearchState> done, Config config) {
    ActorSystem<SearchSupervisor.Command> system = ActorSystem.create(supervisor, "nautilus", config);
    // Completed by the supervisor when the search finishes, or by pause(): either ends this run.
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

  /**
   * Pauses the search and ends this run of it: running trials are interrupted (a later resume of the
   * journal trains them again), {@code SearchPaused} is journaled, and the actor system terminates.
   * {@link #result()} then completes with the paused state.
   */
  public void pause(String reason) {
    AskPattern.<SearchSupervisor.Command, SearchSupervisor.Paused>ask(system,
            replyTo -> new SearchSupervisor.Pause(reason, replyTo), PAUSE_TIMEOUT, system.scheduler())
        .whenComplete((paused, error) -> {
          if (error != null) {
            ended.completeExceptionally(error);
          } else {
            ended.complete(paused.state());
          }
        });
  }

  /**
   * Completes with the final state when the search has ended and the actor system has terminated, or
   * {@code nautilus.termination-grace} after the end if a trainer is stuck inside an epoch (a trial
   * past its time limit that ignores the stop): everything is journaled by then, and the stuck thread
   * ends with the process.
   */
  public CompletionStage<SearchState> result() {
    Duration grace = system.settings().config().getDuration("nautilus.termination-grace");
    return ended.thenCompose(state -> system.getWhenTerminated().toCompletableFuture()
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(terminated -> state));
  }
}
