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
    List<List<String>> rows = new ArrayList<>();
    List<String> candidates = new ArrayList<>();
    int rank = 1;
    for (TrialRecord t : ranked) {
      List<String> cells = new ArrayList<>(List.of(Integer.toString(rank++), Long.toString(t.trial().value()),
          number(t.metric(objective).orElseThrow())));
      for (String column : columns) {
        cells.add(t.metric(column).map(SearchSummary::number).orElse("-"));
      }
      cells.add(String.format(Locale.ROOT, "%.1f", t.costSeconds()));
      rows.add(cells);
      candidates.add(t.candidate());
    }
    // 12 characters a column, wider where a name or value needs it, so that columns never run together
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(12, header.get(c).length() + 2);
      for (List<String> cells : rows) {
        widths[c] = Math.max(widths[c], cells.get(c).length() + 2);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(row(header, widths)).append("  candidate\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append(row(rows.get(i), widths)).append("  ").append(candidates.get(i)).append('\n');
    }
    bySearcher(state, objective, direction).ifPresent(line -> out.append(line).append('\n'));
    double cost = state.trials(TrialStatus.COMPLETED).stream().mapToDouble(TrialRecord::costSeconds).sum();
    out.append(String.format(Locale.ROOT, "%d trials: %d completed, %d failed, %d unfinished; total cost %.0f s; %s%n",
        state.trials().size(), state.trials(TrialStatus.COMPLETED).size(), state.trials(TrialStatus.FAILED).size(),
        state.trials(TrialStatus.RUNNING).size() + state.trials(TrialStatus.PROPOSED).size(), cost,
        state.finished().map(f -> "search finished: " + f.reason()).orElse("search not finished")));
    return out.toString();
  }

  /**
   * For a portfolio (trials from more than one searcher): each member's trials and its best objective,
   * in the order of their first trial, e.g. {@code by searcher: evolution 101 trials (best 81.2063), gp 99
   * trials (best 80.9)}.
   */
  static java.util.Optional<String> bySearcher(SearchState state, String objective, Direction direction) {
    java.util.Map<String, List<TrialRecord>> groups = new java.util.LinkedHashMap<>();
    for (TrialRecord t : state.trials()) {
      groups.computeIfAbsent(t.searcher(), k -> new ArrayList<>()).add(t);
    }
    if (groups.size() < 2) {
      return java.util.Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((searcher, trials) -> {
      java.util.OptionalDouble best = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED)
          .map(t -> t.metric(objective)).flatMap(java.util.Optional::stream).mapToDouble(Double::doubleValue)
          .filter(Double::isFinite).reduce((a, b) -> direction.better(a, b) ? a : b);
      parts.add(searcher + " " + trials.size() + " trials" + (best.isPresent() ? " (best " + number(best.getAsDouble())
          + ")" : ""));
    });
    return java.util.Optional.of("by searcher: " + String.join(", ", parts));
  }

  private static String row(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      line.append(" ".repeat(Math.max(0, widths[c] - cells.get(c).length()))).append(cells.get(c));
    }
    return line.toString();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
