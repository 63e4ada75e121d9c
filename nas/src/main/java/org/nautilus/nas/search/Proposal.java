package org.nautilus.nas.search;

import java.util.Objects;
import java.util.Optional;
import org.nautilus.nas.space.Candidate;

/**
 * A searcher's answer to {@code ask}: train this candidate as this trial.
 *
 * @param origin which member of a portfolio proposed it, journaled with the proposal; empty for a
 *     single searcher
 */
public record Proposal(TrialId trial, Candidate candidate, Optional<String> origin) {
  public Proposal {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(origin, "origin");
  }

  /** A proposal of a single searcher. */
  public Proposal(TrialId trial, Candidate candidate) {
    this(trial, candidate, Optional.empty());
  }

  /** This proposal as made by the portfolio member {@code member}. */
  public Proposal from(String member) {
    return new Proposal(trial, candidate, Optional.of(member));
  }
}
