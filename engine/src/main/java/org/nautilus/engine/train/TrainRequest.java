package org.nautilus.engine.train;

import java.util.Objects;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;

/** What to train: a candidate, for a number of epochs, with a seed for weights and data order. */
public record TrainRequest(TrialId trial, Candidate candidate, int epochs, long seed) {
  public TrainRequest {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(candidate, "candidate");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
  }
}
