package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialStatus;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Space;

/** A trial interrupted by a pause continues from its last epoch's checkpoint, which goes when it ends. */
class TrialCheckpointTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int EPOCHS = 20;

  /**
   * Epochs of 40 ms whose accuracy is the epoch number; a checkpoint is a file holding the epoch, and a
   * resumed run continues after it. Records the epochs it resumed from.
   */
  private static final class CheckpointingTrainer implements Trainer {
    final List<Integer> resumedFrom = new CopyOnWriteArrayList<>();

    @Override
    public TrainingRun start(TrainRequest request) {
      return run(request, 0);
    }

    @Override
    public TrainingRun resume(TrainRequest request, Path checkpoint) throws TrainingException {
      try {
        int epoch = Integer.parseInt(Files.readString(checkpoint).trim());
        resumedFrom.add(epoch);
        return run(request, epoch);
      } catch (IOException | NumberFormatException e) {
        throw new TrainingException("unreadable checkpoint " + checkpoint + ": " + e, false);
      }
    }

    private static TrainingRun run(TrainRequest request, int from) {
      return new TrainingRun() {
        private int epoch = from;

        @Override
        public EpochReport nextEpoch() {
          try {
            Thread.sleep(40);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          epoch++;
          return new EpochReport(epoch, Map.of("val_accuracy", (double) epoch));
        }

        @Override
        public boolean isFinished() {
          return epoch >= request.epochs();
        }

        @Override
        public Map<String, Double> result() {
          return Map.of("val_accuracy", (double) epoch);
        }

        @Override
        public Optional<Path> checkpoint(Path dir) throws IOException {
          Files.createDirectories(dir);
          return Optional.of(Files.writeString(dir.resolve("epoch-" + epoch), Integer.toString(epoch)));
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aPausedTrialContinuesFromItsLastCheckpointAndTheCheckpointsGoWhenTheSearchEnds(@TempDir Path tmp)
      throws Exception {
    Path checkpoints = tmp.resolve("checkpoints");
    SearchSettings settings = new SearchSettings("{}", "random", 1, EPOCHS, 5, "val_accuracy", 1, 3)
        .withCheckpoints(checkpoints);
    InMemoryJournal journal = new InMemoryJournal();
    CheckpointingTrainer first = new CheckpointingTrainer();
    LocalSearch search = LocalSearch.start(settings, RandomSearcher.of(new Nb201Space(), 5), journal,
        List.of(new TrainerSlot("t0", Device.cpu(0), first)), SearchListener.none());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (journal.events().stream().filter(Event.EpochReported.class::isInstance).count() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    search.pause("maintenance");
    SearchState paused = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(TrialStatus.RUNNING, paused.trials().get(0).status());
    int reportedBeforePause = (int) journal.events().stream().filter(Event.EpochReported.class::isInstance).count();
    assertTrue(reportedBeforePause >= 3 && reportedBeforePause < EPOCHS, "epochs before the pause: " + reportedBeforePause);
    assertTrue(Files.isDirectory(checkpoints.resolve("trial-1")), "the running trial's checkpoint is kept");

    CheckpointingTrainer second = new CheckpointingTrainer();
    LocalSearch resumed = LocalSearch.resume(settings, RandomSearcher.of(new Nb201Space(), 5), new Nb201Space(),
        journal, List.of(new TrainerSlot("t0", Device.cpu(0), second)), SearchListener.none(), true,
        ConfigFactory.load());
    SearchState end = resumed.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(TrialStatus.COMPLETED, end.trials().get(0).status());
    assertEquals(Optional.of((double) EPOCHS), end.trials().get(0).metric("val_accuracy"));
    // The second run resumed once, from the last epoch checkpointed before the pause (the pause may
    // have come between an epoch's report and its checkpoint, so one epoch may be trained again) ...
    assertEquals(1, second.resumedFrom.size());
    int from = second.resumedFrom.get(0);
    assertTrue(from >= reportedBeforePause - 1 && from <= reportedBeforePause, "resumed from epoch " + from);
    // ... so its first report after the resume is the epoch after that checkpoint, not epoch 1.
    List<Event> events = journal.events();
    int resumedAt = events.indexOf(events.stream().filter(Event.SearchResumed.class::isInstance).findFirst()
        .orElseThrow());
    Event.EpochReported next = events.subList(resumedAt, events.size()).stream()
        .filter(Event.EpochReported.class::isInstance).map(Event.EpochReported.class::cast).findFirst().orElseThrow();
    assertEquals(from + 1, next.epoch());
    assertFalse(Files.exists(checkpoints), "a finished search keeps no checkpoint");
  }
}
