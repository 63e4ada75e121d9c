package org.nautilus.engine.train;

import java.nio.file.Path;

/** A run that loads an epoch checkpoint of its own kind into itself while it is fresh. */
public interface RestorableRun extends TrainingRun {
  /**
   * Loads {@code checkpoint} into this fresh run, which then continues after the checkpoint's epoch.
   *
   * @throws TrainingException (not retryable) naming the file if it is not this run's checkpoint
   */
  void restore(Path checkpoint) throws TrainingException;

  /** {@code run} with {@code checkpoint} loaded; the run is closed if loading fails. */
  static TrainingRun resumed(RestorableRun run, Path checkpoint) throws TrainingException {
    try {
      run.restore(checkpoint);
    } catch (TrainingException | RuntimeException e) {
      run.close();
      throw e;
    }
    return run;
  }
}
