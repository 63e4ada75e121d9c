package org.nautilus.cli.command;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.cli.report.Leaderboard;
import org.nautilus.cli.report.SearchSummary;
import org.nautilus.cli.search.JournaledSpec;
import org.nautilus.cli.search.SearchRunner;
import org.nautilus.cli.search.SpecRun;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.state.SearchState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nautilus replay DIR}: rebuilds a search's leaderboard from its journal alone. */
@Command(name = "replay", description = "Rebuild and print a search's leaderboard from its journal alone.")
public final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The journal directory of a search.")
  Path directory;

  @Override
  public Integer call() {
    SearchState state;
    try {
      state = SearchState.of(ChronicleJournal.read(directory));
    } catch (JournalException e) {
      throw new UserError(e.getMessage(), e);
    }
    Optional<JournaledSpec> journaled = state.created().flatMap(c -> JournaledSpec.fromJson(c.spec()));
    if (journaled.isPresent()) {
      // A search started from a spec file: the summary in its own objective, direction and columns.
      SpecRun run = SpecRun.of(journaled.get(), state.created().get().seed());
      System.out.print(SearchSummary.render(state, run.spec().objective().metric(),
          run.spec().objective().direction(), SearchRunner.reportColumns(run), 10));
    } else {
      System.out.print(Leaderboard.render(state));
    }
    return 0;
  }
}
