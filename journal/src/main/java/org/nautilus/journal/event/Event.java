package org.nautilus.journal.event;

import java.util.Arrays;
import java.util.HexFormat;
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

  /**
   * The searcher was asked for {@code trial} while outcomes were still being journaled: an outcome
   * journaled after this event and before the trial's {@link TrialProposed} reached the searcher
   * after the question. Journaled only in that case, so that a replay calls the searcher in the order
   * the live search did; without it, a {@code TrialProposed} stands for the question too.
   */
  record SearcherAsked(TrialId trial) implements Event {
    public SearcherAsked {
      Objects.requireNonNull(trial, "trial");
    }
  }

  /**
   * Member {@code member} of an asynchronous portfolio was asked for its proposal {@code inner} (in the
   * member's own numbering of its proposals, from 1) while outcomes of its trials were still being
   * journaled: those journaled after this event and before the answer reached the member after the
   * question. Journaled only in that case, like {@link SearcherAsked}; without it, the answer's
   * {@link TrialProposed} or {@link ProposalRefused} stands for the question too.
   */
  record MemberAsked(String member, TrialId inner) implements Event {
    public MemberAsked {
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(inner, "inner");
    }
  }

  /**
   * Member {@code member} of an asynchronous portfolio proposed {@code candidate}, which the portfolio
   * had already proposed: no trial was made of it, and the member was told it failed (so it proposes
   * something else).
   */
  record ProposalRefused(String member, String candidate) implements Event {
    public ProposalRefused {
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(candidate, "candidate");
    }
  }

  /**
   * A trainer began (or, for {@code attempt > 1}, retried) a trial on a device of a node (a machine;
   * {@value #LOCAL_NODE} for the supervisor's own).
   */
  record TrialStarted(TrialId trial, String trainer, String node, String device, int attempt) implements Event {
    /** The node of a trainer in the supervisor's own JVM, and of every trial of a schema-1 journal. */
    public static final String LOCAL_NODE = "local";

    public TrialStarted {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(node, "node");
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

  /** The scheduler stopped a trial early after {@code epoch}, at rung {@code rung} of its multi-fidelity policy. */
  record TrialPruned(TrialId trial, int epoch, int rung) implements Event {
    public TrialPruned {
      Objects.requireNonNull(trial, "trial");
    }
  }

  /**
   * A searcher's full state ({@code Searcher.snapshot()}, opaque bytes) after it had been told
   * {@code outcomesTold} outcomes. The array is copied in and out, and equality is by content.
   */
  record SearcherSnapshotted(String searcher, int outcomesTold, byte[] state) implements Event {
    public SearcherSnapshotted {
      Objects.requireNonNull(searcher, "searcher");
      state = state.clone();
    }

    /** A copy of the snapshot bytes. */
    @Override
    public byte[] state() {
      return state.clone();
    }

    /** The snapshot's length in bytes, without copying it. */
    public int size() {
      return state.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SearcherSnapshotted s
          && searcher.equals(s.searcher) && outcomesTold == s.outcomesTold && Arrays.equals(state, s.state);
    }

    @Override
    public int hashCode() {
      return Objects.hash(searcher, outcomesTold) * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
      String head = HexFormat.of().formatHex(state, 0, Math.min(state.length, 16));
      return "SearcherSnapshotted[searcher=" + searcher + ", outcomesTold=" + outcomesTold + ", state="
          + state.length + " bytes " + head + (state.length > 16 ? "...]" : "]");
    }
  }

  /** The search was paused (no new trials dispatched); {@code reason} says why. */
  record SearchPaused(String reason) implements Event {
    public SearchPaused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The search resumed, by the Nautilus {@code version} now running it (after a pause or a restart). */
  record SearchResumed(String version) implements Event {
    public SearchResumed {
      Objects.requireNonNull(version, "version");
    }
  }

  /** A free-text note from a user or a tool, kept with the search. */
  record NoteAdded(String text) implements Event {
    public NoteAdded {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The search ended; {@code reason} says why (budget reached, space exhausted, ...). */
  record SearchFinished(String reason) implements Event {
    public SearchFinished {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
