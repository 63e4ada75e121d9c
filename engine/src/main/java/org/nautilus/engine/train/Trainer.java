package org.nautilus.engine.train;

/** Trains one candidate at one fidelity; one epoch per {@link TrainingRun#nextEpoch()} call. */
public interface Trainer {
  /**
   * Prepares a run (builds the model, initializes weights) on the calling thread, which is the
   * device-pinned thread of the trainer actor that owns this trainer.
   */
  TrainingRun start(TrainRequest request) throws TrainingException;
}
