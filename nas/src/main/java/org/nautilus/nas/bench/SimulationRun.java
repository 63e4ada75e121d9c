package org.nautilus.nas.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.nas.search.TrialId;

/**
 * The result of one simulated search.
 *
 * @param seed the searcher's seed
 * @param evaluations evaluations completed within the budget (the searcher was told each)
 * @param proposals proposals the searcher made, those still running at the end included
 * @param end why the run ended
 * @param endTime virtual time of the last completion told to the searcher (0 if none)
 * @param trajectory the incumbent each time it changed, in virtual-time order: the first completed
 *     evaluation, then every strictly better one
 */
public record SimulationRun(long seed, int evaluations, int proposals, End end, double endTime,
    List<Incumbent> trajectory) {
  public SimulationRun {
    Objects.requireNonNull(end, "end");
    trajectory = List.copyOf(trajectory);
  }

  /** Why a simulated run ended. */
  public enum End {
    /** The next completion would have ended after the budget. */
    BUDGET,
    /** The searcher was exhausted and nothing was running. */
    EXHAUSTED,
    /** The searcher proposed nothing while nothing was running, so it never would again. */
    STALLED
  }

  /**
   * The best evaluation so far, from virtual time {@code time} on.
   *
   * @param time when the evaluation completed
   * @param trial the trial that evaluated it
   * @param candidate its canonical string
   * @param objective its objective
   * @param report its report columns, in {@link TableColumns#report()} order
   */
  public record Incumbent(double time, TrialId trial, String candidate, double objective, List<Double> report) {
    public Incumbent {
      Objects.requireNonNull(trial, "trial");
      Objects.requireNonNull(candidate, "candidate");
      report = List.copyOf(report);
    }
  }

  /** The incumbent at the end of the run; empty if no evaluation completed within the budget. */
  public Optional<Incumbent> finalIncumbent() {
    return trajectory.isEmpty() ? Optional.empty() : Optional.of(trajectory.get(trajectory.size() - 1));
  }

  /** The incumbent at virtual time {@code time}; empty if no evaluation had completed by then. */
  public Optional<Incumbent> incumbentAt(double time) {
    Incumbent found = null;
    for (Incumbent point : trajectory) {
      if (point.time() > time) {
        break;
      }
      found = point;
    }
    return Optional.ofNullable(found);
  }
}
