package org.nautilus.nas.search;

import java.util.Objects;
import org.nautilus.nas.space.Candidate;

/** A searcher's answer to {@code ask}: train this candidate as this trial. */
public record Proposal(TrialId trial, Candidate candidate) {
  public Proposal {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(candidate, "candidate");
  }
}
