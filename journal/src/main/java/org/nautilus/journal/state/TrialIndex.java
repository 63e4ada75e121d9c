package org.nautilus.journal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.TrialCompleted;
import org.nautilus.journal.event.Event.TrialFailed;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.Event.TrialPruned;
import org.nautilus.journal.event.Event.TrialStarted;
import org.nautilus.nas.search.TrialId;

/** From each trial id to the journaled events about that trial, in journal order. */
public final class TrialIndex {
  private final TreeMap<TrialId, List<Envelope>> events = new TreeMap<>();

  /** The index of every event of {@code envelopes}. */
  public static TrialIndex of(Iterable<Envelope> envelopes) {
    TrialIndex index = new TrialIndex();
    envelopes.forEach(index::add);
    return index;
  }

  /** Adds an event; one about no trial (search created, a note...) is ignored. */
  public void add(Envelope envelope) {
    trialOf(envelope.event()).ifPresent(t -> events.computeIfAbsent(t, k -> new ArrayList<>()).add(envelope));
  }

  /** The events about {@code trial}, in journal order; empty for a trial the journal does not know. */
  public List<Envelope> events(TrialId trial) {
    return List.copyOf(events.getOrDefault(trial, List.of()));
  }

  /** Every trial with at least one event, in id order. */
  public SortedSet<TrialId> trials() {
    return java.util.Collections.unmodifiableSortedSet(events.navigableKeySet());
  }

  /** The trial an event is about, if any. */
  public static Optional<TrialId> trialOf(Event event) {
    if (event instanceof TrialProposed e) {
      return Optional.of(e.trial());
    } else if (event instanceof TrialStarted e) {
      return Optional.of(e.trial());
    } else if (event instanceof EpochReported e) {
      return Optional.of(e.trial());
    } else if (event instanceof TrialCompleted e) {
      return Optional.of(e.trial());
    } else if (event instanceof TrialFailed e) {
      return Optional.of(e.trial());
    } else if (event instanceof TrialPruned e) {
      return Optional.of(e.trial());
    }
    return Optional.empty();
  }
}
