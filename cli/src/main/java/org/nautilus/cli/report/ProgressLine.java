package org.nautilus.cli.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;

/**
 * The live progress line of a running search: trials done, running, best so far, elapsed. On a
 * terminal it rewrites one line in place; otherwise it prints a line each time a trial ends.
 */
public final class ProgressLine implements SearchListener {
  private final PrintStream out;
  private final boolean terminal;
  private final int budget;
  private final String objective;
  private final long startNanos = System.nanoTime();
  private String line = "";

  public ProgressLine(PrintStream out, boolean terminal, int budget, String objective) {
    this.out = out;
    this.terminal = terminal;
    this.budget = budget;
    this.objective = objective;
  }

  @Override
  public synchronized void onEvent(Envelope envelope, SearchState state) {
    Event event = envelope.event();
    int done = state.trials(TrialStatus.COMPLETED).size() + state.trials(TrialStatus.FAILED).size();
    int running = state.trials(TrialStatus.RUNNING).size();
    Optional<TrialRecord> best = state.trials(TrialStatus.COMPLETED).stream()
        .filter(t -> t.metric(objective).isPresent())
        .max((a, b) -> Double.compare(a.metric(objective).get(), b.metric(objective).get()));
    line = String.format(Locale.ROOT, "trials %d/%d done, %d running, best %s", done, budget, running,
        best.map(t -> String.format(Locale.ROOT, "%s %.2f%% (trial %d)", objective,
            100 * t.metric(objective).get(), t.trial().value())).orElse("-"));
    if (terminal) {
      render();
    } else if (event instanceof Event.TrialCompleted || event instanceof Event.TrialFailed) {
      out.println(line + ", " + elapsed());
    }
  }

  /** Redraws the line with the current elapsed time; called by a timer on a terminal. */
  public synchronized void render() {
    if (terminal) {
      out.print("\r\033[K" + line + ", " + elapsed());
      out.flush();
    }
  }

  /** Ends the progress line so that what follows starts on a line of its own. */
  public synchronized void finish() {
    if (terminal) {
      render();
      out.println();
    }
  }

  private String elapsed() {
    Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
    return String.format(Locale.ROOT, "%02d:%02d elapsed", d.toMinutes(), d.toSecondsPart());
  }
}
