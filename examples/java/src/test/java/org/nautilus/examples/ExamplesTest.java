package org.nautilus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.actors.api.SearchResult;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.journal.state.TrialStatus;

/** The examples run and find what they claim to. */
class ExamplesTest {
  @Test
  void plainJavaHpoFindsBraninsMinimumClosely() throws Exception {
    SearchResult result = PlainJavaHpo.search();
    assertEquals(400, result.state().trials(TrialStatus.COMPLETED).size());
    TrialRecord best = result.best().orElseThrow();
    double value = best.metric("branin").orElseThrow();
    // Branin's minimum is 0.397887; 400 evaluations of evolution get within 0.1 of it.
    assertTrue(value >= 0.397887 && value < 0.497887, "best " + value + " at " + best.candidate());
    // One worker: the same seed gives the same search.
    assertEquals(best.candidate(), PlainJavaHpo.search().best().orElseThrow().candidate());
    assertEquals(1 + 400 * 4 + 2 + 1, ChronicleJournal.read(result.journal()).size(),
        "created, 4 events per trial (proposed, started, epoch, completed), searcher snapshots after 100 and 200 "
            + "outcomes (the interval doubles; the one after the 400th comes after the end), finished");
  }

  @Test
  void embeddedSearchStreamsIncumbentsToTheApplicationsActor(@TempDir Path dir) throws Exception {
    List<String> incumbents = new ArrayList<>();
    SearchState state = EmbeddedActorSearch.search(dir.resolve("journal"), incumbents);
    assertEquals("trial budget of 300 reached", state.finished().orElseThrow().reason());
    double best = state.trials(TrialStatus.COMPLETED).stream().mapToDouble(t -> t.metric("valid_acc").orElseThrow())
        .max().orElseThrow();
    synchronized (incumbents) {
      assertTrue(incumbents.size() >= 2, incumbents.toString());
      assertTrue(incumbents.get(incumbents.size() - 1).endsWith(" " + best), incumbents + " vs " + best);
    }
  }
}
