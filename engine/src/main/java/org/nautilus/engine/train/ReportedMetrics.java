package org.nautilus.engine.train;

import java.util.List;
import org.nautilus.engine.data.Task;

/**
 * The {@link org.nautilus.engine.metric.Metric} names that the tabular-data trainers (MLP and recurrent)
 * compute for a task, on the validation split each epoch ({@code val_<name>}) and on the test split at
 * the end ({@code test_<name>}).
 */
public final class ReportedMetrics {
  private static final List<String> CLASSIFICATION = List.of("accuracy", "f1_macro", "log_loss");
  private static final List<String> REGRESSION = List.of("mse", "rmse", "mae", "r2");

  private ReportedMetrics() {}

  /** The metric names for {@code task}, in report order. */
  public static List<String> of(Task task) {
    return task == Task.CLASSIFICATION ? CLASSIFICATION : REGRESSION;
  }
}
