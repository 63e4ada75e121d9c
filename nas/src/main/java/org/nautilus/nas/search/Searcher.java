package org.nautilus.nas.search;

import java.util.Optional;

/**
 * Proposes candidates (ask) and learns from their outcomes (tell), with any number of trials pending.
 *
 * <p>Deterministic: the same seed and the same sequence of calls give identical proposals. The caller
 * names each trial, so several searchers can share one search's numbering (a portfolio).
 */
public interface Searcher {
  /**
   * Proposes the candidate to train as {@code trial}, or empty while the searcher must wait for
   * outcomes. Never a pending candidate, and never a finished one unless configured to repeat.
   *
   * @throws IllegalArgumentException if {@code trial} was already asked for
   */
  Optional<Proposal> ask(TrialId trial);

  /**
   * Reports what became of a trial this searcher proposed.
   *
   * @throws IllegalArgumentException if the trial is unknown or was already told
   */
  void tell(Outcome outcome);

  /** True once no proposal will ever come again (e.g. every candidate of a finite space proposed). */
  boolean isExhausted();

  /** The full state; {@link #restore(byte[])} of it continues identically. */
  byte[] snapshot();

  /** Replaces this searcher's state with a {@link #snapshot()} taken from a searcher of the same kind. */
  void restore(byte[] snapshot);

  /**
   * True when every {@link #ask} and {@link #tell} returns within microseconds and never blocks, so a
   * runtime may call this searcher on the thread that dispatches trials rather than on a thread of its
   * own. False (the default) for anything that fits a model or may wait.
   */
  default boolean isQuick() {
    return false;
  }
}
