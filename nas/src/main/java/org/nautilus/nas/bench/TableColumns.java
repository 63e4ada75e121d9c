package org.nautilus.nas.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which columns of a tabular benchmark play which role.
 *
 * @param objective the search signal the searcher is told (e.g. 12-epoch validation accuracy)
 * @param cost the evaluation's cost in seconds of virtual time (e.g. 12-epoch training time)
 * @param report the columns reported at the incumbent (e.g. 200-epoch test accuracy); the searcher
 *     never sees them
 */
public record TableColumns(String objective, String cost, List<String> report) {
  /** The column that holds the candidates' canonical strings. */
  public static final String CANDIDATE = "candidate";

  public TableColumns {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(cost, "cost");
    report = List.copyOf(report);
    Set<String> seen = new HashSet<>();
    for (String column : report) {
      if (!seen.add(column)) {
        throw new IllegalArgumentException("report column '" + column + "' is named twice");
      }
    }
    for (String column : List.of(objective, cost)) {
      if (column.equals(CANDIDATE)) {
        throw new IllegalArgumentException("'" + CANDIDATE + "' holds candidates, not numbers");
      }
    }
    if (report.contains(CANDIDATE)) {
      throw new IllegalArgumentException("'" + CANDIDATE + "' holds candidates, not numbers");
    }
  }

  /** The columns with these roles. */
  public static TableColumns of(String objective, String cost, String... report) {
    return new TableColumns(objective, cost, List.of(report));
  }
}
