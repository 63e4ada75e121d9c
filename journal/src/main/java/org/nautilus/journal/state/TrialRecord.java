package org.nautilus.journal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.nas.search.TrialId;

/** One row of the trials table: everything the journal says about a trial. */
public record TrialRecord(
    TrialId trial,
    String searcher,
    String candidate,
    int epochs,
    TrialStatus status,
    Optional<String> trainer,
    Optional<String> node,
    Optional<String> device,
    int attempt,
    List<EpochReported> curve,
    Map<String, Double> metrics,
    double costSeconds,
    Optional<String> failure) {

  public TrialRecord {
    // a curve still in snapshot bytes is immutable already; copying it would decode it now
    curve = curve instanceof SnapshotCurve ? curve : List.copyOf(curve);
    metrics = metrics instanceof SnapshotMetrics ? metrics : Map.copyOf(metrics);
  }

  static TrialRecord proposed(TrialId trial, String searcher, String candidate, int epochs) {
    return new TrialRecord(trial, searcher, candidate, epochs, TrialStatus.PROPOSED, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, List.of(), Map.of(), 0, Optional.empty());
  }

  TrialRecord started(String trainer, String node, String device, int attempt) {
    return new TrialRecord(trial, searcher, candidate, epochs, TrialStatus.RUNNING, Optional.of(trainer),
        Optional.of(node), Optional.of(device), attempt, List.of(), Map.of(), 0, Optional.empty());
  }

  TrialRecord reported(EpochReported report) {
    List<EpochReported> longer = new ArrayList<>(curve);
    longer.add(report);
    return new TrialRecord(trial, searcher, candidate, epochs, status, trainer, node, device, attempt, longer,
        metrics, costSeconds, failure);
  }

  TrialRecord completed(Map<String, Double> finalMetrics, double cost) {
    return new TrialRecord(trial, searcher, candidate, epochs, TrialStatus.COMPLETED, trainer, node, device, attempt,
        curve, finalMetrics, cost, Optional.empty());
  }

  TrialRecord failed(String cause, int failedAttempt) {
    return new TrialRecord(trial, searcher, candidate, epochs, TrialStatus.FAILED, trainer, node,
        device, failedAttempt, curve, metrics, costSeconds, Optional.of(cause));
  }

  TrialRecord pruned(int epoch, int rung) {
    return new TrialRecord(trial, searcher, candidate, epochs, TrialStatus.PRUNED, trainer, node, device, attempt,
        curve, metrics, costSeconds, Optional.of("pruned after epoch " + epoch + " at rung " + rung));
  }

  /** The values of {@code metric} this trial reported, in the order of its reports (epoch order). */
  public List<Double> learningCurve(String metric) {
    List<Double> values = new ArrayList<>();
    for (EpochReported report : curve) {
      Double value = report.metrics().get(metric);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** A final metric, if the trial completed with it. */
  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }
}
