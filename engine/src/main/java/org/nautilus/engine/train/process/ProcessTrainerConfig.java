package org.nautilus.engine.train.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.nautilus.engine.device.Device;

/**
 * Settings of a {@link ProcessTrainer}.
 *
 * @param command the program and its arguments, run without a shell; {@code {request}} and
 *     {@code {trial}} in an argument are replaced (see the package documentation)
 * @param runDir where request files and per-trial standard-error logs are written; created if absent
 * @param device the device the command is told to use
 * @param timeLimit wall-clock limit for one trial, from launch to exit
 */
public record ProcessTrainerConfig(List<String> command, Path runDir, Device device, Duration timeLimit) {
  public ProcessTrainerConfig {
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command must name a program, got " + command);
    }
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive, got " + timeLimit);
    }
  }

  /** This config on another device. */
  public ProcessTrainerConfig withDevice(Device newDevice) {
    return new ProcessTrainerConfig(command, runDir, newDevice, timeLimit);
  }
}
