package org.nautilus.journal.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;

/**
 * The trials table as CSV (RFC 4180), one row per trial in id order. Fixed columns first ({@link #COLUMNS}),
 * then one column per final metric name any trial has, sorted by name; a cell is empty where a trial
 * has no value. Doubles are written in Java's shortest round-trip form ({@code Double.toString}).
 *
 * <p>Quoting is written here rather than with a CSV library: it is four rules (quote a field holding a
 * comma, quote, CR or LF; double the quotes inside), and the journal module then needs no further dependency.
 */
public final class TrialsCsv {
  /** The fixed leading columns. */
  public static final List<String> COLUMNS = List.of("trial", "searcher", "candidate", "epochs", "status",
      "trainer", "node", "device", "attempt", "epochs_reported", "cost_seconds", "failure");

  private TrialsCsv() {}

  /** Writes the header and one row per trial of {@code state} to {@code out} (not closed). */
  public static void write(SearchState state, Writer out) {
    TreeSet<String> metrics = new TreeSet<>();
    for (TrialRecord trial : state.trials()) {
      metrics.addAll(trial.metrics().keySet());
    }
    List<String> header = new ArrayList<>(COLUMNS);
    header.addAll(metrics);
    try {
      writeRow(out, header);
      for (TrialRecord t : state.trials()) {
        List<String> row = new ArrayList<>(List.of(Long.toString(t.trial().value()), t.searcher(), t.candidate(),
            Integer.toString(t.epochs()), t.status().name(), or(t.trainer()), or(t.node()), or(t.device()),
            Integer.toString(t.attempt()), Integer.toString(t.curve().size()), Double.toString(t.costSeconds()),
            or(t.failure())));
        for (String metric : metrics) {
          row.add(t.metric(metric).map(String::valueOf).orElse(""));
        }
        writeRow(out, row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String or(Optional<String> value) {
    return value.orElse("");
  }

  private static void writeRow(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(cells.get(i)));
    }
    out.write("\r\n");
  }

  static String quote(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
