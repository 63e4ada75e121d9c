package org.nautilus.journal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.NoteAdded;
import org.nautilus.journal.event.Event.SearchCreated;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.Event.SearchPaused;
import org.nautilus.journal.event.Event.SearchResumed;
import org.nautilus.journal.event.Event.SearcherSnapshotted;
import org.nautilus.journal.event.Event.TrialCompleted;
import org.nautilus.journal.event.Event.TrialFailed;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.Event.TrialPruned;
import org.nautilus.journal.event.Event.TrialStarted;
import org.nautilus.nas.search.TrialId;

/**
 * The state of a search folded from its events: the search's creation, the trials table and how it
 * ended. The live supervisor and a replay fold the same events through {@link #apply(Event)}, so they
 * agree by construction.
 */
public final class SearchState {
  private Optional<SearchCreated> created = Optional.empty();
  private final TreeMap<TrialId, TrialRecord> trials = new TreeMap<>();
  private Optional<SearchFinished> finished = Optional.empty();
  private final TreeMap<String, SearcherSnapshotted> searcherSnapshots = new TreeMap<>();
  private Optional<SearchPaused> paused = Optional.empty();
  private final List<String> notes = new ArrayList<>();
  private long events;
  private long lastSeq;

  /** The state after every event of {@code envelopes}, in order. */
  public static SearchState of(Iterable<Envelope> envelopes) {
    SearchState state = new SearchState();
    for (Envelope envelope : envelopes) {
      state.apply(envelope);
    }
    return state;
  }

  /**
   * Folds one journaled event in and remembers its seq ({@link #lastSeq()}), which must come after
   * the last one folded; throws {@link IllegalStateException} otherwise or as {@link #apply(Event)}.
   */
  public void apply(Envelope envelope) {
    if (envelope.seq() <= lastSeq) {
      throw new IllegalStateException("event seq " + envelope.seq() + " after seq " + lastSeq);
    }
    apply(envelope.event());
    lastSeq = envelope.seq();
  }

  /** The seq of the last journaled event folded in by {@link #apply(Envelope)}, 0 if none. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Folds one event in; throws {@link IllegalStateException} for an event that contradicts the state. */
  public void apply(Event event) {
    events++;
    if (event instanceof SearchCreated e) {
      created = Optional.of(e);
    } else if (event instanceof TrialProposed e) {
      if (trials.containsKey(e.trial())) {
        throw new IllegalStateException("trial " + e.trial() + " proposed twice");
      }
      trials.put(e.trial(), TrialRecord.proposed(e.trial(), e.searcher(), e.candidate(), e.epochs()));
    } else if (event instanceof TrialStarted e) {
      trials.put(e.trial(), trial(e.trial()).started(e.trainer(), e.node(), e.device(), e.attempt()));
    } else if (event instanceof EpochReported e) {
      trials.put(e.trial(), trial(e.trial()).reported(e));
    } else if (event instanceof TrialCompleted e) {
      trials.put(e.trial(), trial(e.trial()).completed(e.metrics(), e.costSeconds()));
    } else if (event instanceof TrialFailed e) {
      trials.put(e.trial(), trial(e.trial()).failed(e.cause(), e.attempt()));
    } else if (event instanceof TrialPruned e) {
      trials.put(e.trial(), trial(e.trial()).pruned(e.epoch(), e.rung()));
    } else if (event instanceof Event.SearcherAsked || event instanceof Event.MemberAsked
        || event instanceof Event.ProposalRefused) {
      // The order of the searcher's calls, for a replay; no trial and nothing else in the state changes.
    } else if (event instanceof SearcherSnapshotted e) {
      searcherSnapshots.put(e.searcher(), e);
    } else if (event instanceof SearchPaused e) {
      paused = Optional.of(e);
    } else if (event instanceof SearchResumed) {
      paused = Optional.empty();
    } else if (event instanceof NoteAdded e) {
      notes.add(e.text());
    } else if (event instanceof SearchFinished e) {
      finished = Optional.of(e);
    } else {
      throw new IllegalStateException("no fold for event type " + event.getClass().getSimpleName());
    }
  }

  private TrialRecord trial(TrialId id) {
    TrialRecord record = trials.get(id);
    if (record == null) {
      throw new IllegalStateException("event for trial " + id + " before it was proposed");
    }
    return record;
  }

  public Optional<SearchCreated> created() {
    return created;
  }

  public Optional<SearchFinished> finished() {
    return finished;
  }

  /** The pause in force (paused and not resumed since), if any. */
  public Optional<SearchPaused> paused() {
    return paused;
  }

  /** The latest snapshot of each searcher, by searcher name. */
  public java.util.SortedMap<String, SearcherSnapshotted> searcherSnapshots() {
    return java.util.Collections.unmodifiableSortedMap(searcherSnapshots);
  }

  /** Every note, in journal order. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Number of events folded. */
  public long events() {
    return events;
  }

  /** Every trial, in id order. */
  public List<TrialRecord> trials() {
    return List.copyOf(trials.values());
  }

  /** The trials in the given status, in id order. */
  public List<TrialRecord> trials(TrialStatus status) {
    List<TrialRecord> out = new ArrayList<>();
    for (TrialRecord record : trials.values()) {
      if (record.status() == status) {
        out.add(record);
      }
    }
    return out;
  }

  public Optional<TrialRecord> trial(long id) {
    return Optional.ofNullable(trials.get(TrialId.of(id)));
  }

  /**
   * The best completed trial by final {@code metric} (highest if {@code maximize}, else lowest); ties
   * go to the earlier trial, and trials without the metric or with NaN are passed over.
   */
  public Optional<TrialRecord> incumbent(String metric, boolean maximize) {
    TrialRecord best = null;
    double bestValue = 0;
    for (TrialRecord record : trials.values()) {
      Double value = record.status() == TrialStatus.COMPLETED ? record.metrics().get(metric) : null;
      if (value == null || value.isNaN()) {
        continue;
      }
      if (best == null || (maximize ? value > bestValue : value < bestValue)) {
        best = record;
        bestValue = value;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Each trial's learning curve for {@code metric}: the values it reported, in epoch order, for the
   * trials that reported it at least once; by trial id.
   */
  public SortedMap<TrialId, List<Double>> learningCurves(String metric) {
    SortedMap<TrialId, List<Double>> curves = new TreeMap<>();
    for (TrialRecord record : trials.values()) {
      List<Double> curve = record.learningCurve(metric);
      if (!curve.isEmpty()) {
        curves.put(record.trial(), curve);
      }
    }
    return curves;
  }

  /**
   * A state restored from a snapshot: these parts as they were after the event with seq {@code lastSeq}.
   * For {@link StateCodec}.
   */
  static SearchState restore(Optional<SearchCreated> created, List<TrialRecord> trials, Optional<SearchFinished> finished,
      List<SearcherSnapshotted> searcherSnapshots, Optional<SearchPaused> paused, List<String> notes, long events,
      long lastSeq) {
    SearchState state = new SearchState();
    state.created = created;
    for (TrialRecord trial : trials) {
      state.trials.put(trial.trial(), trial);
    }
    state.finished = finished;
    for (SearcherSnapshotted snapshot : searcherSnapshots) {
      state.searcherSnapshots.put(snapshot.searcher(), snapshot);
    }
    state.paused = paused;
    state.notes.addAll(notes);
    state.events = events;
    state.lastSeq = lastSeq;
    return state;
  }

  /** Trials in id order, without copying; for {@link StateCodec}. */
  java.util.Collection<TrialRecord> trialsView() {
    return trials.values();
  }
}
