package org.nautilus.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.supervisor.SearchBudget;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.supervisor.SearchSupervisor;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.tabular.TabularTrainer;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.bench.SyntheticNb201Table;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.space.Nb201Space;

/**
 * A search inside an application's own actor system: the application's guardian spawns Nautilus's
 * {@link SearchSupervisor} behavior beside its own actors, subscribes one of them to the stream of
 * journaled events, and asks for the status. The search is regularized evolution over NAS-Bench-201
 * cells, evaluated by four tabular trainers on a synthetic table under a virtual clock.
 *
 * <p>Run: {@code java -cp ... org.nautilus.examples.EmbeddedActorSearch}
 */
public final class EmbeddedActorSearch {
  private EmbeddedActorSearch() {}

  /** The application's guardian: starts the search and a watcher, and ends when the search does. */
  static Behavior<Void> application(SearchSettings settings, ChronicleJournal journal, List<TrainerSlot> trainers,
      CompletableFuture<SearchState> done, List<String> incumbents, CompletableFuture<Void> watched) {
    return Behaviors.setup(ctx -> {
      ActorRef<SearchSupervisor.Command> search = ctx.spawn(SearchSupervisor.create(settings,
          RegularizedEvolutionSearcher.of(new Nb201Space(), Direction.MAXIMIZE, settings.seed()), journal, trainers,
          SearchListener.none(), done), "search");
      ActorRef<Envelope> watcher = ctx.spawn(incumbentWatcher(settings.objective(), incumbents, watched),
          "watcher");
      search.tell(new SearchSupervisor.Subscribe(watcher));
      ctx.watch(search);
      return Behaviors.receive(Void.class)
          .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> Behaviors.stopped())
          .build();
    });
  }

  /** One of the application's actors: keeps the line of each new best trial it is sent, until the end. */
  static Behavior<Envelope> incumbentWatcher(String objective, List<String> incumbents,
      CompletableFuture<Void> watched) {
    return Behaviors.setup(ctx -> {
      double[] best = {Double.NEGATIVE_INFINITY};
      return Behaviors.receive(Envelope.class).onMessage(Envelope.class, envelope -> {
        if (envelope.event() instanceof Event.TrialCompleted c && c.metrics().get(objective) > best[0]) {
          best[0] = c.metrics().get(objective);
          synchronized (incumbents) {
            incumbents.add("trial " + c.trial().value() + ": " + objective + " " + best[0]);
          }
        } else if (envelope.event() instanceof Event.SearchFinished) {
          watched.complete(null);
          return Behaviors.stopped();
        }
        return Behaviors.same();
      }).build();
    });
  }

  /** Runs the search in a new actor system and returns its final state. */
  static SearchState search(Path journalDir, List<String> incumbents) throws Exception {
    TabularBenchmark table = SyntheticNb201Table.benchmark(2020);
    TabularTrainer trainer = new TabularTrainer(table);
    List<TrainerSlot> trainers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      trainers.add(new TrainerSlot("table" + i, Device.cpu(i), trainer));
    }
    SearchSettings settings = new SearchSettings("{\"example\":\"embedded\"}", "evolution", SearchBudget.ofTrials(300),
        1, 7, SyntheticNb201Table.VALID_ACC, Direction.MAXIMIZE, Optional.of(SyntheticNb201Table.TRAIN_TIME), 1, 10);
    CompletableFuture<SearchState> done = new CompletableFuture<>();
    CompletableFuture<Void> watched = new CompletableFuture<>();
    try (ChronicleJournal journal = ChronicleJournal.create(journalDir, Clock.systemUTC())) {
      ActorSystem<Void> system = ActorSystem.create(
          application(settings, journal, trainers, done, incumbents, watched), "app");
      try {
        SearchState state = done.get();
        watched.get(); // the watcher has seen every event, the last incumbent included
        return state;
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> incumbents = new ArrayList<>();
    SearchState state = search(Files.createTempDirectory("nautilus-embedded-"), incumbents);
    incumbents.forEach(System.out::println);
    System.out.println(state.trials().size() + " trials; " + state.finished().orElseThrow().reason());
  }
}
