package org.nautilus.actors.train;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;

/**
 * Reaches the trial a {@link TrainerActor} is running from any thread. The actor reads its mailbox only
 * between epochs, so whoever sends it a {@link TrainerActor.StopTrial} calls {@link #stop} too, and the
 * run ends at its next minibatch ({@link TrainingRun#requestStop}) rather than its epoch's end. The only
 * state the actor shares; never blocks.
 */
public final class TrialStopper {
  private record Entry(TrialId trial, TrainingRun run) {}

  private final AtomicReference<Optional<Entry>> running = new AtomicReference<>(Optional.empty());

  /** Asks the run of {@code trial}, if it is the one in progress, to stop at its next minibatch. */
  public void stop(TrialId trial) {
    // A run that ends meanwhile is closed, and a stop request to a closed run does nothing.
    running.get().filter(e -> e.trial().equals(trial)).ifPresent(e -> e.run().requestStop());
  }

  void set(TrialId trial, TrainingRun run) {
    running.set(Optional.of(new Entry(trial, run)));
  }

  void clear() {
    running.set(Optional.empty());
  }
}
