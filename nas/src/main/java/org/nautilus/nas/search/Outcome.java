package org.nautilus.nas.search;

import java.util.Map;
import java.util.Objects;

/** What became of a trial; told to the searcher that proposed it. */
public sealed interface Outcome {
  TrialId trial();

  /** The same outcome, of trial {@code id} (a portfolio tells its members under their own ids). */
  default Outcome renamed(TrialId id) {
    if (this instanceof Completed c) {
      return new Completed(id, c.objective(), c.metrics());
    } else if (this instanceof Pruned p) {
      return new Pruned(id, p.rung(), p.objective());
    }
    return new Failed(id, ((Failed) this).cause());
  }

  /** The objective the trial reached: NaN for a failed trial. */
  default double reached() {
    if (this instanceof Completed c) {
      return c.objective();
    } else if (this instanceof Pruned p) {
      return p.objective();
    }
    return Double.NaN;
  }

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
