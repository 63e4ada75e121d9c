package org.nautilus.engine.train.mlp;

import java.util.Objects;
import java.util.Optional;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.train.optim.LrSchedule;
import org.nautilus.engine.train.optim.Optimizer;
import org.nautilus.engine.train.optim.TrainingSettings;

/**
 * Settings of an {@link MlpTrainer}; a candidate's hyperparameters override the architecture and the
 * training settings by name.
 *
 * @param device where to train (the CPU backend pins nothing)
 * @param architecture default shape
 * @param settings default optimization
 * @param objective metric that early stopping watches on the validation split; empty for
 *     {@code accuracy} (classification) or {@code rmse} (regression)
 * @param evalBatchSize rows per forward pass when evaluating
 */
public record MlpTrainerConfig(Device device, MlpArchitecture architecture, TrainingSettings settings,
    Optional<String> objective, int evalBatchSize) {
  public MlpTrainerConfig {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(objective, "objective");
    objective.ifPresent(Metric::named);
    if (evalBatchSize < 1) {
      throw new IllegalArgumentException("evalBatchSize must be >= 1, got " + evalBatchSize);
    }
  }

  /** Two ReLU layers of 64 units without dropout; Adam at 1e-3, constant rate, batch 32; on {@code cpu:0}. */
  public static MlpTrainerConfig defaults() {
    return new MlpTrainerConfig(Device.cpu(0), new MlpArchitecture(2, 64, Activation.RELU, 0),
        new TrainingSettings(Optimizer.ADAM, 1e-3, 0.9, 0.9, 0.999, java.util.OptionalDouble.empty(), 0, 0, 0,
            LrSchedule.CONSTANT, 0, 0, 0, 32), Optional.empty(), 1024);
  }

  /** This config with another architecture. */
  public MlpTrainerConfig withArchitecture(MlpArchitecture newArchitecture) {
    return new MlpTrainerConfig(device, newArchitecture, settings, objective, evalBatchSize);
  }

  /** This config with other training settings. */
  public MlpTrainerConfig withSettings(TrainingSettings newSettings) {
    return new MlpTrainerConfig(device, architecture, newSettings, objective, evalBatchSize);
  }

  /** This config on another device. */
  public MlpTrainerConfig withDevice(Device newDevice) {
    return new MlpTrainerConfig(newDevice, architecture, settings, objective, evalBatchSize);
  }

  /** This config with early stopping watching {@code metric} (a {@link Metric} name) on the validation split. */
  public MlpTrainerConfig withObjective(String metric) {
    return new MlpTrainerConfig(device, architecture, settings, Optional.of(metric), evalBatchSize);
  }
}
