package org.nautilus.nas.schedule;

/** What a scheduler answers to an intermediate report. */
public sealed interface Decision {
  /** Train on. */
  record Continue() implements Decision {}

  /** Stop the trial now; {@code rung} is the rung (0-based) it stopped at, {@code reason} says why. */
  record Stop(int rung, String reason) implements Decision {}

  /** The one {@link Continue}. */
  Decision CONTINUE = new Continue();
}
