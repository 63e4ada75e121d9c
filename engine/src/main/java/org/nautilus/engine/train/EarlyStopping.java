package org.nautilus.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.nautilus.nas.search.Direction;

/**
 * Early stopping on a validation metric: the best value so far, the epochs since it, and whether the
 * run should stop before its last epoch because {@code patience} epochs passed without improvement.
 * Part of a run's checkpointed state ({@link #write}, {@link #read}). Used by one run's thread only.
 */
public final class EarlyStopping {
  private final Direction direction;
  private final int patience;
  private double best = Double.NaN;
  private int epochsSinceBest;
  private boolean stopped;

  /**
   * @param direction which way the watched metric improves
   * @param patience epochs without improvement that stop a run; 0 never stops one (a fold of a
   *     cross-validated run, whose own early stopping decides, passes 0)
   */
  public EarlyStopping(Direction direction, int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.direction = direction;
    this.patience = patience;
  }

  /** Records the metric's {@code value} after {@code epoch} of a run of {@code epochs}. */
  public void record(double value, int epoch, int epochs) {
    if (Double.isNaN(best) || direction.better(value, best)) {
      best = value;
      epochsSinceBest = 0;
    } else {
      epochsSinceBest++;
    }
    stopped = patience > 0 && epochsSinceBest >= patience && epoch < epochs;
  }

  /** The best value recorded; NaN before the first. */
  public double best() {
    return best;
  }

  /** True if the last record ended the run early. */
  public boolean stopped() {
    return stopped;
  }

  /** Writes the best value, the epochs since it and the stop flag, in that order. */
  public void write(DataOutputStream out) throws IOException {
    out.writeDouble(best);
    out.writeInt(epochsSinceBest);
    out.writeBoolean(stopped);
  }

  /** Reads what {@link #write} wrote into this state. */
  public void read(DataInputStream in) throws IOException {
    best = in.readDouble();
    epochsSinceBest = in.readInt();
    stopped = in.readBoolean();
  }
}
