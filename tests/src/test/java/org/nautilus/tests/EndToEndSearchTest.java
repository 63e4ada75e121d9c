package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.cli.report.Leaderboard;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.SameDiffTrainer;
import org.nautilus.engine.train.SameDiffTrainerConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;

/**
 * A tiny search through the real path: random searcher, supervisor, two trainer actors training
 * NAS-Bench-201 networks with ND4J, and the Chronicle journal; then a replay of the journal alone.
 */
class EndToEndSearchTest {
  @Test
  void replayOfTheJournalReproducesTheSearch(@TempDir Path dir) throws Exception {
    ImageData data = TinyData.of(300, 100);
    SameDiffTrainerConfig config = SameDiffTrainerConfig.defaults().withNetwork(4, 1).withBatchSize(32);
    List<TrainerSlot> slots = List.of(
        new TrainerSlot("cpu0", Device.cpu(0), new SameDiffTrainer(config.withDevice(Device.cpu(0)), data)),
        new TrainerSlot("cpu1", Device.cpu(1), new SameDiffTrainer(config.withDevice(Device.cpu(1)), data)));
    SearchSettings settings =
        new SearchSettings("{\"objective\":\"val_accuracy\"}", "random", 4, 2, 7, "val_accuracy", 1, 4);

    SearchState live;
    try (ChronicleJournal journal = ChronicleJournal.create(dir, Clock.systemUTC())) {
      LocalSearch search = LocalSearch.start(settings, RandomSearcher.of(new Nb201Space(), 7), journal, slots,
          SearchListener.none());
      live = search.result().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }

    List<Envelope> journaled = ChronicleJournal.read(dir);
    SearchState replayed = SearchState.of(journaled);
    assertEquals(live.trials(), replayed.trials());
    assertEquals(Leaderboard.render(live), Leaderboard.render(replayed));
    assertEquals(live.finished(), replayed.finished());
    assertEquals("trial budget of 4 reached", replayed.finished().orElseThrow().reason());

    assertEquals(4, replayed.trials(TrialStatus.COMPLETED).size());
    for (TrialRecord trial : replayed.trials()) {
      Nb201Cell.parse(trial.candidate()); // every journaled candidate is a valid cell string
      assertEquals(2, trial.curve().size(), "two epoch reports for " + trial.trial());
      double accuracy = trial.metric("val_accuracy").orElseThrow();
      assertTrue(accuracy >= 0 && accuracy <= 1, "val_accuracy " + accuracy);
      assertTrue(trial.metric("params").orElseThrow() > 0);
      assertTrue(trial.device().orElseThrow().startsWith("cpu:"));
    }
    // Both trainers did work: dispatch was asynchronous across the two actors.
    assertEquals(2, replayed.trials().stream().map(t -> t.trainer().orElseThrow()).distinct().count());
    // Sequence numbers are dense and the journal starts with the search's creation.
    for (int i = 0; i < journaled.size(); i++) {
      assertEquals(i + 1, journaled.get(i).seq());
    }
    assertTrue(journaled.get(0).event() instanceof Event.SearchCreated);
  }
}
