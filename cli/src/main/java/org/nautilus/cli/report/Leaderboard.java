package org.nautilus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;

/**
 * The table of a search's completed trials, best objective first, rendered from a {@link SearchState}
 * alone: a live search and a replay of its journal print the same text.
 */
public final class Leaderboard {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Leaderboard() {}

  /** The objective named in the search's spec, {@code val_accuracy} if the spec names none. */
  public static String objective(SearchState state) {
    return state.created().map(created -> {
      try {
        JsonNode objective = JSON.readTree(created.spec()).get("objective");
        return objective == null ? null : objective.asText();
      } catch (IOException e) {
        throw new IllegalStateException("search spec in the journal is not JSON: " + e.getMessage(), e);
      }
    }).orElse("val_accuracy");
  }

  /** The leaderboard text, ending with a newline. */
  public static String render(SearchState state) {
    String objective = objective(state);
    List<TrialRecord> completed = state.trials(TrialStatus.COMPLETED).stream()
        .sorted(Comparator.comparingDouble((TrialRecord t) -> -t.metric(objective).orElse(Double.NEGATIVE_INFINITY))
            .thenComparing(TrialRecord::trial))
        .toList();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%4s  %5s  %8s  %8s  %8s  %7s  %6s  %s%n",
        "rank", "trial", "val_acc", "test_acc", "params", "time_s", "img/s", "candidate"));
    int rank = 1;
    for (TrialRecord t : completed) {
      out.append(String.format(Locale.ROOT, "%4d  %5d  %8s  %8s  %8s  %7.1f  %6s  %s%n", rank++, t.trial().value(),
          percent(t, "val_accuracy"), percent(t, "test_accuracy"),
          t.metric("params").map(p -> String.format(Locale.ROOT, "%,d", p.longValue())).orElse("-"),
          t.costSeconds(), t.metric("images_per_second").map(v -> String.format(Locale.ROOT, "%.0f", v)).orElse("-"),
          t.candidate()));
    }
    for (TrialRecord t : state.trials(TrialStatus.FAILED)) {
      out.append(String.format(Locale.ROOT, "%4s  %5d  %8s  %8s  %8s  %7s  %6s  %s  (failed: %s)%n", "-",
          t.trial().value(), "-", "-", "-", "-", "-", t.candidate(), t.failure().orElse("?")));
    }
    out.append(String.format(Locale.ROOT, "%d trials: %d completed, %d failed, %d unfinished; %s%n",
        state.trials().size(), completed.size(), state.trials(TrialStatus.FAILED).size(),
        state.trials(TrialStatus.RUNNING).size() + state.trials(TrialStatus.PROPOSED).size(),
        state.finished().map(f -> "search finished: " + f.reason()).orElse("search did not finish")));
    return out.toString();
  }

  private static String percent(TrialRecord t, String metric) {
    return t.metric(metric).map(v -> String.format(Locale.ROOT, "%.2f%%", 100 * v)).orElse("-");
  }
}
