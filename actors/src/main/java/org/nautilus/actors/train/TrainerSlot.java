package org.nautilus.actors.train;

import java.util.Objects;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.Trainer;

/** One trainer actor to spawn: its name, its device, and the trainer it drives (used by it alone). */
public record TrainerSlot(String name, Device device, Trainer trainer) {
  public TrainerSlot {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(trainer, "trainer");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("trainer name must be letters, digits, '-' or '_', got '" + name + "'");
    }
  }
}
