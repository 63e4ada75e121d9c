package org.nautilus.journal.state;

/** Where a trial stands, as folded from the journal. */
public enum TrialStatus {
  PROPOSED,
  RUNNING,
  COMPLETED,
  FAILED,
  /** Stopped early by the multi-fidelity scheduler; its curve holds the epochs it reached. */
  PRUNED
}
