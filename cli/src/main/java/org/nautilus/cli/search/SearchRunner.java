package org.nautilus.cli.search;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.supervisor.ResumeException;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.cli.UserError;
import org.nautilus.cli.report.SearchSummary;
import org.nautilus.journal.Journal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.spec.Settings;

/**
 * Runs a spec-driven search to its end or until the process is asked to stop (SIGINT, SIGTERM):
 * then it pauses, so {@code nautilus resume} continues it. Prints each new incumbent as it comes and
 * the summary at the end.
 */
public final class SearchRunner {
  private SearchRunner() {}

  /**
   * Starts ({@code resume} false) or resumes the search of {@code run} in {@code journal}, waits for it
   * and prints its summary; returns the exit status.
   */
  public static int run(SpecRun run, Journal journal, boolean resume, boolean verify, PrintStream out)
      throws Exception {
    // A trainer that can checkpoint (the SameDiff ones) keeps each running trial's last epoch here, so
    // a paused, killed or retried trial continues from it.
    SearchSettings settings = run.settings().withCheckpoints(journal.directory().resolve("checkpoints"));
    List<TrainerSlot> trainers = run.trainers(journal.directory());
    Incumbents incumbents = new Incumbents(out, settings.objective(), settings.direction());
    LocalSearch search;
    if (resume) {
      try {
        search = LocalSearch.resume(settings, run.searcher(), run.space(), journal, trainers, incumbents, verify,
            com.typesafe.config.ConfigFactory.load());
      } catch (ResumeException e) {
        throw new UserError(e.getMessage(), e);
      }
    } else {
      search = LocalSearch.start(settings, run.searcher(), journal, trainers, incumbents);
    }
    SearchState state;
    try (SignalHook hook = SignalHook.install(search, s -> s.pause("interrupted by a signal"))) {
      state = search.result().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    out.print(SearchSummary.render(state, settings.objective(), settings.direction(), reportColumns(run), 10));
    Path dir = journal.directory();
    out.println("journal: " + dir.toAbsolutePath().normalize());
    if (state.finished().isEmpty()) {
      out.println("resume:  ./nautilus resume " + dir);
    }
    return 0;
  }

  /** The columns a spec's trainer reports (a table's {@code report} setting), shown beside the objective. */
  public static List<String> reportColumns(SpecRun run) {
    Settings t = run.spec().trainer().settings();
    return t.get("report").filter(List.class::isInstance).map(r -> ((List<?>) r).stream().map(String::valueOf).toList())
        .orElse(List.of());
  }

  /** Prints a line each time the incumbent improves: cheap enough for thousands of trials a second. */
  private static final class Incumbents implements SearchListener {
    private final PrintStream out;
    private final String objective;
    private final Direction direction;
    private final long startNanos = System.nanoTime();
    private OptionalDouble best = OptionalDouble.empty();

    Incumbents(PrintStream out, String objective, Direction direction) {
      this.out = out;
      this.objective = objective;
      this.direction = direction;
    }

    @Override
    public void onEvent(Envelope envelope, SearchState state) {
      if (!(envelope.event() instanceof Event.TrialCompleted c)) {
        return;
      }
      Double value = c.metrics().get(objective);
      if (value == null || !Double.isFinite(value)
          || best.isPresent() && !direction.better(value, best.getAsDouble())) {
        return;
      }
      best = OptionalDouble.of(value);
      out.printf(Locale.ROOT, "trial %d: new best %s = %.4f (%.1f s elapsed)%n", c.trial().value(), objective, value,
          (System.nanoTime() - startNanos) / 1e9);
    }
  }
}
