package org.nautilus.nas.bench;

import java.util.Objects;
import org.nautilus.nas.search.Direction;

/**
 * How one simulated search runs.
 *
 * @param workers number of parallel virtual workers, at least 1
 * @param budgetSeconds virtual-time budget in seconds, finite and positive: an evaluation that would
 *     end after it does not count
 * @param direction whether the objective column is to be maximized or minimized
 */
public record SimulationConfig(int workers, double budgetSeconds, Direction direction) {
  public SimulationConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
      throw new IllegalArgumentException("budget must be a finite number of seconds > 0, got " + budgetSeconds);
    }
    Objects.requireNonNull(direction, "direction");
  }
}
