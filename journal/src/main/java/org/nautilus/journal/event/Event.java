package org.nautilus.journal.event;

import java.util.Map;
import java.util.Objects;
import org.nautilus.nas.search.TrialId;

/**
 * Everything that happens in a search, in the past tense. Events know nothing about how they are
 * stored; {@code journal.codec} maps them to bytes.
 */
public sealed interface Event {

  /** The search began: its full specification (JSON), seed and the Nautilus version that ran it. */
  record SearchCreated(String spec, long seed, String version) implements Event {
    public SearchCreated {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(version, "version");
    }
  }

  /** A searcher proposed {@code candidate} (canonical string) as {@code trial}, to train for {@code epochs}. */
  record TrialProposed(TrialId trial, String searcher, String candidate, int epochs) implements Event {
    public TrialProposed {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(searcher, "searcher");
      Objects.requireNonNull(candidate, "candidate");
    }
  }

  /** A trainer began (or, for {@code attempt > 1}, retried) a trial on a device. */
  record TrialStarted(TrialId trial, String trainer, String device, int attempt) implements Event {
    public TrialStarted {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(device, "device");
    }
  }

  /** A trial finished epoch {@code epoch} with these metrics. */
  record EpochReported(TrialId trial, int epoch, Map<String, Double> metrics) implements Event {
    public EpochReported {
      Objects.requireNonNull(trial, "trial");
      metrics = Map.copyOf(metrics);
    }
  }

  /** A trial trained to the end: final metrics and wall-clock cost. */
  record TrialCompleted(TrialId trial, Map<String, Double> metrics, double costSeconds) implements Event {
    public TrialCompleted {
      Objects.requireNonNull(trial, "trial");
      metrics = Map.copyOf(metrics);
    }
  }

  /** A trial failed; {@code retryable} says whether trying again could help. */
  record TrialFailed(TrialId trial, String cause, boolean retryable, int attempt) implements Event {
    public TrialFailed {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** The search ended; {@code reason} says why (budget reached, space exhausted, ...). */
  record SearchFinished(String reason) implements Event {
    public SearchFinished {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
