package org.nautilus.nas.search;

import java.util.Map;
import java.util.Objects;

/** What became of a trial; told to the searcher that proposed it. */
public sealed interface Outcome {
  TrialId trial();

  /** The trial trained to the end; {@code objective} is the value the search optimizes. */
  record Completed(TrialId trial, double objective, Map<String, Double> metrics) implements Outcome {
    public Completed {
      Objects.requireNonNull(trial, "trial");
      metrics = Map.copyOf(metrics);
    }
  }

  /** The trial could not be trained; {@code cause} says why. */
  record Failed(TrialId trial, String cause) implements Outcome {
    public Failed {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** The trial was stopped early by a scheduler at {@code rung}, with its objective so far. */
  record Pruned(TrialId trial, int rung, double objective) implements Outcome {
    public Pruned {
      Objects.requireNonNull(trial, "trial");
    }
  }
}
