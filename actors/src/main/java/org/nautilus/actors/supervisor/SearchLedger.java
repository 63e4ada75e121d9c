package org.nautilus.actors.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;

/**
 * The course of one search as its journal tells it: the trials open, the retries due, failures in a
 * row, cost spent, the incumbent, the virtual clock, the elapsed time. The live supervisor and a
 * resume feed it the same events in the same order, and it alone decides the outcome each event
 * means for the searcher, so a searcher rebuilt from a journal is told exactly what the lost one was.
 *
 * <p>Not thread-safe: owned by one supervisor.
 */
final class SearchLedger {
  /** A trial proposed and not yet ended. */
  static final class OpenTrial {
    private final TrainRequest request;
    private int attempt = 1;
    private boolean started;
    /** The objective of its latest epoch report, NaN before any: what a pruned trial is told with. */
    private double lastObjective = Double.NaN;
    /** Virtual time it started at, NaN until it starts; kept when it is re-dispatched after a resume. */
    private double virtualStart = Double.NaN;

    private OpenTrial(TrainRequest request) {
      this.request = request;
    }

    TrainRequest request() {
      return request;
    }

    int attempt() {
      return attempt;
    }

    double virtualStart() {
      return virtualStart;
    }
  }

  private final SearchSettings settings;
  private final TreeMap<Long, OpenTrial> open = new TreeMap<>();
  private long lastTrial;
  private int consecutiveFailures;
  private long ended;
  private long outcomes;
  private double cost;
  private double virtualNow;
  private OptionalDouble best = OptionalDouble.empty();
  private Duration elapsedBefore = Duration.ZERO;
  private Optional<Instant> sessionStart = Optional.empty();
  private Optional<Instant> lastAt = Optional.empty();
  private Optional<String> finished = Optional.empty();

  SearchLedger(SearchSettings settings) {
    this.settings = settings;
  }

  /** Records that {@code candidate} was proposed as the trial {@code envelope} holds. */
  void proposed(Envelope envelope, Candidate candidate) {
    Event.TrialProposed p = (Event.TrialProposed) envelope.event();
    long id = p.trial().value();
    if (id <= lastTrial) {
      throw new IllegalStateException("trial " + id + " proposed after trial " + lastTrial);
    }
    lastTrial = id;
    open.put(id, new OpenTrial(new TrainRequest(p.trial(), candidate, p.epochs(), settings.trialSeed(id))));
    touch(envelope.at());
  }

  /**
   * Folds any event but a proposal; returns the outcome the searcher must be told, when the event
   * ends a trial for good (a retryable failure with attempts left ends nothing).
   */
  Optional<Outcome> apply(Envelope envelope) {
    Event event = envelope.event();
    Optional<Outcome> outcome = Optional.empty();
    if (event instanceof Event.TrialProposed) {
      throw new IllegalArgumentException("a proposal needs its candidate: use proposed()");
    } else if (event instanceof Event.SearchCreated) {
      sessionStart = Optional.of(envelope.at());
    } else if (event instanceof Event.SearchResumed) {
      elapsedBefore = elapsed();
      sessionStart = Optional.of(envelope.at());
    } else if (event instanceof Event.TrialStarted s) {
      started(s);
    } else if (event instanceof Event.TrialCompleted c) {
      outcome = Optional.of(completed(c));
    } else if (event instanceof Event.TrialFailed f) {
      outcome = failed(f);
    } else if (event instanceof Event.EpochReported r) {
      Double objective = r.metrics().get(settings.objective());
      Optional.ofNullable(open.get(r.trial().value())).ifPresent(t -> t.lastObjective = objective == null
          ? Double.NaN : objective);
    } else if (event instanceof Event.TrialPruned p) {
      OpenTrial trial = require(p.trial());
      open.remove(p.trial().value());
      ended++;
      consecutiveFailures = 0;
      outcome = Optional.of(new Outcome.Pruned(p.trial(), p.rung(), trial.lastObjective));
    } else if (event instanceof Event.SearchFinished f) {
      finished = Optional.of(f.reason());
    }
    touch(envelope.at());
    if (outcome.isPresent()) {
      outcomes++;
    }
    return outcome;
  }

  private void touch(Instant at) {
    lastAt = Optional.of(at);
  }

  private void started(Event.TrialStarted s) {
    OpenTrial trial = require(s.trial());
    if (Double.isNaN(trial.virtualStart) || s.attempt() != trial.attempt) {
      trial.virtualStart = virtualNow;
    }
    trial.attempt = s.attempt();
    trial.started = true;
  }

  private Outcome completed(Event.TrialCompleted c) {
    OpenTrial trial = require(c.trial());
    open.remove(c.trial().value());
    ended++;
    cost += c.costSeconds();
    if (settings.virtualCost().isPresent()) {
      virtualNow = Math.max(virtualNow, trial.virtualStart + c.costSeconds());
    }
    Double objective = c.metrics().get(settings.objective());
    if (objective == null || !Double.isFinite(objective)) {
      return failure(c.trial(), "objective " + settings.objective() + " is " + objective);
    }
    consecutiveFailures = 0;
    if (best.isEmpty() || settings.direction().better(objective, best.getAsDouble())) {
      best = OptionalDouble.of(objective);
    }
    return new Outcome.Completed(c.trial(), objective, c.metrics());
  }

  private Optional<Outcome> failed(Event.TrialFailed f) {
    OpenTrial trial = require(f.trial());
    if (settings.virtualCost().isPresent()) {
      virtualNow = Math.max(virtualNow, trial.virtualStart); // a failure costs no virtual time
    }
    if (f.retryable() && f.attempt() <= settings.maxRetries()) {
      trial.attempt = f.attempt() + 1;
      trial.started = false;
      trial.virtualStart = Double.NaN; // the retry starts when it is dispatched
      return Optional.empty();
    }
    open.remove(f.trial().value());
    ended++;
    return Optional.of(failure(f.trial(), f.cause()));
  }

  private Outcome failure(TrialId trial, String cause) {
    consecutiveFailures++;
    return new Outcome.Failed(trial, cause);
  }

  private OpenTrial require(TrialId trial) {
    OpenTrial open = this.open.get(trial.value());
    if (open == null) {
      throw new IllegalStateException("trial " + trial.value() + " is not open");
    }
    return open;
  }

  /** After a resume: every open trial is to be dispatched again, keeping its attempt and virtual start. */
  void reopenAll() {
    open.values().forEach(t -> t.started = false);
  }

  /** The open trial with the lowest id that waits for a trainer: a fresh proposal, a retry, or one to resume. */
  Optional<OpenTrial> nextDue() {
    return nextDue(Set.of());
  }

  /** As {@link #nextDue()}, passing over the trials in {@code queued} (they wait on a trainer already). */
  Optional<OpenTrial> nextDue(Set<TrialId> queued) {
    for (OpenTrial t : open.values()) {
      if (!t.started && !queued.contains(t.request.trial())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The trials open now (started or due), by id. */
  List<OpenTrial> openTrials() {
    return new ArrayList<>(open.values());
  }

  /** The id for the next proposal. */
  TrialId nextTrial() {
    return TrialId.of(lastTrial + 1);
  }

  /** Trials the budget allows beyond those proposed so far. */
  long trialsLeft() {
    return Math.max(0, settings.budget().trials() - lastTrial);
  }

  /** Trials proposed so far. */
  long proposedCount() {
    return lastTrial;
  }

  /** Trials that ended (completed, or failed for good). */
  long endedCount() {
    return ended;
  }

  /** Outcomes the searcher has been told so far. */
  long outcomes() {
    return outcomes;
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  double cost() {
    return cost;
  }

  double virtualNow() {
    return virtualNow;
  }

  OptionalDouble best() {
    return best;
  }

  /** The reason the search finished, if the journal says it did. */
  Optional<String> finished() {
    return finished;
  }

  /** Elapsed time of the search over all its runs, up to its last event. */
  Duration elapsed() {
    if (sessionStart.isEmpty() || lastAt.isEmpty()) {
      return elapsedBefore;
    }
    return elapsedBefore.plus(Duration.between(sessionStart.get(), lastAt.get()));
  }

  /** Elapsed time of the search if the current run, which began at its last session start, reaches {@code now}. */
  Duration elapsedAt(Instant now) {
    return sessionStart.map(start -> elapsedBefore.plus(Duration.between(start, now))).orElse(elapsedBefore);
  }

  /**
   * Why no more trials may be proposed, if a budget limit or the failure limit is reached; checked
   * before every proposal.
   */
  Optional<String> spent(Instant now) {
    SearchBudget budget = settings.budget();
    if (consecutiveFailures >= settings.maxConsecutiveFailures()) {
      return Optional.of(consecutiveFailures + " trials failed in a row");
    }
    if (lastTrial >= budget.trials()) {
      return Optional.of("trial budget of " + budget.trials() + " reached");
    }
    if (budget.cost().isPresent() && cost >= budget.cost().getAsDouble()) {
      return Optional.of(String.format(java.util.Locale.ROOT, "cost budget of %.0f s reached", budget.cost().getAsDouble()));
    }
    if (budget.target().isPresent() && best.isPresent()
        && !settings.direction().better(budget.target().getAsDouble(), best.getAsDouble())) {
      return Optional.of("target " + budget.target().getAsDouble() + " reached");
    }
    if (budget.wallTime().isPresent() && elapsedAt(now).compareTo(budget.wallTime().get()) >= 0) {
      return Optional.of("wall-time budget of " + budget.wallTime().get() + " reached");
    }
    return Optional.empty();
  }
}
