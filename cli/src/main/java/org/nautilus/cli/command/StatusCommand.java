package org.nautilus.cli.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.cli.report.Leaderboard;
import org.nautilus.cli.search.JournaledSpec;
import org.nautilus.cli.search.SpecRun;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.codec.JournalTail;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;
import org.nautilus.nas.search.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nautilus status DIR [--follow]}: where a search stands, read from its journal without
 * disturbing the process writing it; with {@code --follow}, each trial's end as it is journaled,
 * until the search finishes or pauses or its writer is gone.
 */
@Command(name = "status", description = "Show where a search stands, from its journal; --follow to watch it live.")
public final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The journal directory of a search.")
  Path directory;

  @Option(names = "--follow", description = "Print each trial's end as it is journaled, until the search stops.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    SearchState state;
    try {
      state = SearchState.of(ChronicleJournal.read(directory));
    } catch (JournalException e) {
      throw new UserError(e.getMessage(), e);
    }
    String objective = Leaderboard.objective(state);
    Direction direction = Direction.MAXIMIZE;
    Optional<JournaledSpec> journaled = state.created().flatMap(c -> JournaledSpec.fromJson(c.spec()));
    if (journaled.isPresent()) {
      SpecRun run = SpecRun.of(journaled.get(), state.created().get().seed());
      objective = run.spec().objective().metric();
      direction = run.spec().objective().direction();
    }
    PrintStream out = System.out;
    out.println(summary(state, objective, direction));
    if (!follow || state.finished().isPresent()) {
      return 0;
    }
    // At most a line a second: a tabular search can end thousands of trials a second.
    long lastLine = System.nanoTime();
    boolean unprinted = false;
    try (JournalTail tail = JournalTail.open(directory, state.lastSeq() + 1)) {
      while (true) {
        Optional<Envelope> next = tail.poll(Duration.ofMillis(500));
        if (next.isPresent()) {
          state.apply(next.get());
          Event event = next.get().event();
          if (event instanceof Event.SearchFinished || event instanceof Event.SearchPaused) {
            out.println(summary(state, objective, direction));
            return 0;
          }
          unprinted |= event instanceof Event.TrialCompleted || event instanceof Event.TrialFailed
              || event instanceof Event.TrialPruned;
        }
        if (unprinted && System.nanoTime() - lastLine >= 1_000_000_000L) {
          out.println(summary(state, objective, direction));
          lastLine = System.nanoTime();
          unprinted = false;
        }
        if (next.isEmpty() && ChronicleJournal.liveWriter(directory).isEmpty()) {
          out.println(summary(state, objective, direction));
          return 0;
        }
      }
    }
  }

  /** Finished, paused, running (by a live writer), or stopped without finishing (killed, crashed). */
  private String phase(SearchState state) {
    return state.finished().map(f -> "finished (" + f.reason() + ")")
        .or(() -> state.paused().map(p -> "paused (" + p.reason() + ")"))
        .or(() -> ChronicleJournal.liveWriter(directory).map(w -> "running (" + w + ")"))
        .orElse("stopped without finishing (killed or crashed; 'nautilus resume " + directory + "' continues it)");
  }

  /** One line: phase, trial counts, the incumbent and cost. */
  private String summary(SearchState state, String objective, Direction direction) {
    String phase = phase(state);
    Optional<TrialRecord> best = state.incumbent(objective, direction == Direction.MAXIMIZE);
    double cost = state.trials(TrialStatus.COMPLETED).stream().mapToDouble(TrialRecord::costSeconds).sum();
    return String.format(Locale.ROOT, "%s: %d trials, %d completed, %d failed, %d pruned, %d running; best %s; "
        + "total cost %.0f s", phase, state.trials().size(), state.trials(TrialStatus.COMPLETED).size(),
        state.trials(TrialStatus.FAILED).size(), state.trials(TrialStatus.PRUNED).size(),
        state.trials(TrialStatus.RUNNING).size(),
        best.map(t -> String.format(Locale.ROOT, "%s %.4f (trial %d, %s)", objective, t.metric(objective).orElseThrow(),
            t.trial().value(), t.candidate())).orElse("-"), cost);
  }
}
