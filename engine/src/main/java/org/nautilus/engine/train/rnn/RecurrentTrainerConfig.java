package org.nautilus.engine.train.rnn;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.train.optim.LrSchedule;
import org.nautilus.engine.train.optim.Optimizer;
import org.nautilus.engine.train.optim.TrainingSettings;

/**
 * Settings of a {@link RecurrentTrainer}; a candidate's hyperparameters override the architecture and the
 * training settings by name.
 *
 * @param device where to train (the CPU backend pins nothing)
 * @param architecture default shape
 * @param settings default optimization
 * @param objective metric that early stopping watches on the validation split; empty for
 *     {@code accuracy} (classification) or {@code rmse} (regression)
 * @param evalBatchSize sequences per forward pass when evaluating
 */
public record RecurrentTrainerConfig(Device device, RecurrentArchitecture architecture, TrainingSettings settings,
    Optional<String> objective, int evalBatchSize) {
  public RecurrentTrainerConfig {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(objective, "objective");
    objective.ifPresent(Metric::named);
    if (evalBatchSize < 1) {
      throw new IllegalArgumentException("evalBatchSize must be >= 1, got " + evalBatchSize);
    }
  }

  /**
   * One LSTM layer of 32 units without dropout; Adam at 1e-3, constant rate, gradients clipped to norm 5
   * per array, batch 32; on {@code cpu:0}.
   */
  public static RecurrentTrainerConfig defaults() {
    return new RecurrentTrainerConfig(Device.cpu(0), new RecurrentArchitecture(RecurrentCell.LSTM, 1, 32, 0),
        new TrainingSettings(Optimizer.ADAM, 1e-3, 0.9, 0.9, 0.999, OptionalDouble.empty(), 0, 0, 0,
            LrSchedule.CONSTANT, 0, 5, 0, 32), Optional.empty(), 1024);
  }

  /** This config with another architecture. */
  public RecurrentTrainerConfig withArchitecture(RecurrentArchitecture newArchitecture) {
    return new RecurrentTrainerConfig(device, newArchitecture, settings, objective, evalBatchSize);
  }

  /** This config with other training settings. */
  public RecurrentTrainerConfig withSettings(TrainingSettings newSettings) {
    return new RecurrentTrainerConfig(device, architecture, newSettings, objective, evalBatchSize);
  }

  /** This config on another device. */
  public RecurrentTrainerConfig withDevice(Device newDevice) {
    return new RecurrentTrainerConfig(newDevice, architecture, settings, objective, evalBatchSize);
  }

  /** This config with early stopping watching {@code metric} (a {@link Metric} name) on the validation split. */
  public RecurrentTrainerConfig withObjective(String metric) {
    return new RecurrentTrainerConfig(device, architecture, settings, Optional.of(metric), evalBatchSize);
  }
}
