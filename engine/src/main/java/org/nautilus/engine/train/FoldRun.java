package org.nautilus.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.nautilus.engine.metric.Predictions;

/**
 * The run of one fold's model inside a {@link CrossValidatedRun}: an ordinary {@link TrainingRun} that
 * also hands out its last validation predictions (to pool them), measures the test split on demand
 * (the cross-validated run may end early, before the fold would call itself finished), and writes its
 * state into, and reads it from, the cross-validated run's one checkpoint file.
 *
 * <p>A fold run never stops early on its own: the cross-validated run decides that on the mean.
 */
public interface FoldRun extends RestorableRun {
  /** What the model predicted for the validation rows after the last epoch. */
  Predictions validationPredictions();

  /** The task's metrics on the test split now, named {@code test_<metric>}. */
  Map<String, Double> testMetrics() throws TrainingException;

  /** Trainable parameters of the model. */
  long parameterCount();

  /** Everything needed to continue after the last finished epoch (weights, updater, counters). */
  void writeState(DataOutputStream out) throws IOException;

  /** Reads what {@link #writeState} wrote into this fresh run; {@code source} names the file in messages. */
  void readState(DataInputStream in, String source) throws IOException;
}
