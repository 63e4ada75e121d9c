package org.nautilus.engine.train;

import java.nio.file.Path;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.device.Nd4jDeviceBinding;

/** Trains one candidate at one fidelity; one epoch per {@link TrainingRun#nextEpoch()} call. */
public interface Trainer {
  /**
   * Called once on the trainer actor's pinned thread before its first trial: an in-JVM trainer pins
   * that thread to its device (a GPU through ND4J's affinity manager; see {@link Nd4jDeviceBinding}).
   * A trainer that runs elsewhere (an external process) overrides this to do nothing.
   *
   * @throws IllegalStateException if the device cannot be used by this trainer
   */
  default void bindThread(Device device) {
    Nd4jDeviceBinding.bindCurrentThread(device);
  }

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
