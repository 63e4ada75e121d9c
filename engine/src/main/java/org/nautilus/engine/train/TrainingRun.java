package org.nautilus.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One candidate being trained; the caller drives it an epoch at a time so it can stop in between. */
public interface TrainingRun extends AutoCloseable {
  /** Trains one more epoch and evaluates; throws if training diverges (NaN loss) or fails. */
  EpochReport nextEpoch() throws TrainingException;

  /** True once all requested epochs have run. */
  boolean isFinished();

  /**
   * Final metrics once finished: at least the objective metric, {@code params} (trainable
   * parameters) and anything measured only at the end (e.g. {@code test_accuracy}).
   */
  Map<String, Double> result() throws TrainingException;

  /**
   * Saves everything needed to continue after the last finished epoch into a new file in {@code dir},
   * for {@link Trainer#resume}; empty if this kind of run cannot checkpoint (the default).
   */
  default Optional<Path> checkpoint(Path dir) throws IOException {
    return Optional.empty();
  }

  /**
   * Asks the epoch in progress, from any thread, to end at its next minibatch boundary, where
   * {@link #nextEpoch()} then fails with a non-retryable "stopped" {@link TrainingException}; an
   * epoch that has trained its last batch completes. After a stop the run can only be closed. Runs
   * that cannot stop inside an epoch ignore it (the default), and their caller stops them in between.
   */
  default void requestStop() {}

  /** Releases the model's memory; never throws. */
  @Override
  void close();
}
