package org.nautilus.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;
import org.nautilus.nas.search.Direction;

/**
 * The end-of-search table of a spec-driven search: the best trials by the objective (in its
 * direction), with the objective, the reported columns and the cost, then the totals. Rendered from
 * the folded state alone, so a live search and its replay print the same.
 */
public final class SearchSummary {
  private SearchSummary() {}

  /**
   * The summary text, ending with a newline.
   *
   * @param columns further metrics to show (e.g. a table's report columns), in order
   * @param top how many trials to list
   */
  public static String render(SearchState state, String objective, Direction direction, List<String> columns,
      int top) {
    Comparator<TrialRecord> byObjective = Comparator.comparingDouble(
        (TrialRecord t) -> -direction.score(t.metric(objective).orElse(Double.NaN)));
    List<TrialRecord> ranked = state.trials(TrialStatus.COMPLETED).stream()
        .filter(t -> t.metric(objective).filter(Double::isFinite).isPresent())
        .sorted(byObjective.thenComparing(TrialRecord::trial))
        .limit(top)
        .toList();
    List<String> header = new ArrayList<>(List.of("rank", "trial", objective));
    header.addAll(columns);
    header.add("cost_s");
    StringBuilder out = new StringBuilder();
    out.append(row(header)).append("  candidate\n");
    int rank = 1;
    for (TrialRecord t : ranked) {
      List<String> cells = new ArrayList<>(List.of(Integer.toString(rank++), Long.toString(t.trial().value()),
          number(t.metric(objective).orElseThrow())));
      for (String column : columns) {
        cells.add(t.metric(column).map(SearchSummary::number).orElse("-"));
      }
      cells.add(String.format(Locale.ROOT, "%.1f", t.costSeconds()));
      out.append(row(cells)).append("  ").append(t.candidate()).append('\n');
    }
    double cost = state.trials(TrialStatus.COMPLETED).stream().mapToDouble(TrialRecord::costSeconds).sum();
    out.append(String.format(Locale.ROOT, "%d trials: %d completed, %d failed, %d unfinished; total cost %.0f s; %s%n",
        state.trials().size(), state.trials(TrialStatus.COMPLETED).size(), state.trials(TrialStatus.FAILED).size(),
        state.trials(TrialStatus.RUNNING).size() + state.trials(TrialStatus.PROPOSED).size(), cost,
        state.finished().map(f -> "search finished: " + f.reason()).orElse("search not finished")));
    return out.toString();
  }

  private static String row(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (String cell : cells) {
      line.append(String.format(Locale.ROOT, "%12s", cell));
    }
    return line.toString();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
