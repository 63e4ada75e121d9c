package org.nautilus.engine.train.optim;

/** The learning-rate schedules of the {@code lr_schedule} hyperparameter, by their names there. */
public enum LrSchedule {
  /** The initial rate throughout. */
  CONSTANT("constant"),
  /** Divided by 10 after each third of the run. */
  STEP("step"),
  /** Decays geometrically to 1% of the initial rate by the end of the run. */
  EXPONENTIAL("exponential"),
  /** Half a cosine from the initial rate down to 0 over the run. */
  COSINE("cosine"),
  /** Triangular cycles between 10% and 100% of the initial rate, four per run. */
  CYCLICAL("cyclical");

  private final String label;

  LrSchedule(String label) {
    this.label = label;
  }

  /** The name used in hyperparameters and spec files. */
  public String label() {
    return label;
  }

  /** The schedule called {@code label}; the message lists the known names. */
  public static LrSchedule parse(String label) {
    for (LrSchedule s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("hyperparameter lr_schedule: unknown value '" + label
        + "', expected constant, step, exponential, cosine or cyclical");
  }
}
