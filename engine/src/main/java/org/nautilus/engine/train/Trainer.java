package org.nautilus.engine.train;

import java.nio.file.Path;

/** Trains one candidate at one fidelity; one epoch per {@link TrainingRun#nextEpoch()} call. */
public interface Trainer {
  /**
   * Prepares a run (builds the model, initializes weights) on the calling thread, which is the
   * device-pinned thread of the trainer actor that owns this trainer.
   */
  TrainingRun start(TrainRequest request) throws TrainingException;

  /**
   * Prepares a run of {@code request} that continues from {@code checkpoint} (written by
   * {@link TrainingRun#checkpoint} for the same candidate and seed): its next epoch is the one after
   * the checkpoint's, and it ends with the metrics the uninterrupted run would have reached. Trainers
   * that cannot resume throw a non-retryable exception (the default).
   */
  default TrainingRun resume(TrainRequest request, Path checkpoint) throws TrainingException {
    throw new TrainingException(getClass().getSimpleName() + " cannot resume from a checkpoint", false);
  }
}
