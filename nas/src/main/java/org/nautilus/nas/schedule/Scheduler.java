package org.nautilus.nas.schedule;

import org.nautilus.nas.search.TrialId;

/**
 * Decides, from a trial's intermediate results, whether it trains on. Deterministic: decisions depend
 * only on the reports and their order.
 */
public interface Scheduler {
  /**
   * Trial {@code trial} finished epoch {@code epoch} (from 1) with {@code objective} (already in the
   * search's direction: the scheduler is told whether higher is better when it is made).
   */
  Decision onReport(TrialId trial, int epoch, double objective);

  /** The trial ended (completed, failed or stopped); it reports nothing more. */
  void onFinished(TrialId trial);

  /** A scheduler that never stops a trial. */
  static Scheduler none() {
    return new Scheduler() {
      @Override
      public Decision onReport(TrialId trial, int epoch, double objective) {
        return Decision.CONTINUE;
      }

      @Override
      public void onFinished(TrialId trial) {}
    };
  }
}
