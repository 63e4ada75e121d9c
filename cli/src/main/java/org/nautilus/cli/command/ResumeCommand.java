package org.nautilus.cli.command;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.cli.search.JournaledSpec;
import org.nautilus.cli.search.SearchRunner;
import org.nautilus.cli.search.SpecRun;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nautilus resume DIR}: continues a search that was paused, killed or crashed, from its
 * journal alone, re-deriving every journaled proposal to check that nothing changed.
 */
@Command(name = "resume", description = "Continue a paused, killed or crashed search from its journal.")
public final class ResumeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The journal directory of a search started with 'nautilus search'.")
  Path directory;

  @Option(names = "--no-verify",
      description = "Resume even if the searcher no longer proposes what the journal holds (code or config changed).")
  boolean noVerify;

  @Option(names = "--durability", paramLabel = "MODE", defaultValue = "group",
      description = "When journaled events are on disk: sync, group (the default) or os.")
  String durability;

  @Override
  public Integer call() throws Exception {
    return resume(directory, !noVerify, journalConfig(durability));
  }

  /** The journal settings for a {@code --durability} value. */
  static JournalConfig journalConfig(String durability) {
    try {
      return JournalConfig.defaults().with(Durability.parse(durability));
    } catch (IllegalArgumentException e) {
      throw new UserError("--durability: " + e.getMessage());
    }
  }

  static int resume(Path dir, boolean verify, JournalConfig config) throws Exception {
    JournaledSpec journaled = journaledSpec(dir);
    Event.SearchCreated created = created(dir);
    SpecRun run = SpecRun.of(journaled, created.seed());
    if (run.seed() != created.seed()) {
      throw new UserError(dir + ": the journaled spec fixes seed " + run.seed() + " but the search ran with seed "
          + created.seed() + "; the journal is inconsistent");
    }
    System.out.println("nautilus resume: " + run.spec().strategy().name() + " over " + run.space().name()
        + ", seed " + run.seed() + ", journal " + dir);
    try (ChronicleJournal journal = open(dir, config)) {
      return SearchRunner.run(run, journal, true, verify, System.out);
    }
  }

  /** The spec file journaled by {@code nautilus search} in {@code dir}. */
  static JournaledSpec journaledSpec(Path dir) {
    return JournaledSpec.fromJson(created(dir).spec()).orElseThrow(() -> new UserError(dir
        + " holds a search that was not started from a spec file (e.g. a demo); only 'nautilus search' journals resume"));
  }

  private static Event.SearchCreated created(Path dir) {
    List<Envelope> first;
    try {
      first = ChronicleJournal.read(dir).stream().limit(1).toList();
    } catch (JournalException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (first.isEmpty() || !(first.get(0).event() instanceof Event.SearchCreated created)) {
      throw new UserError(dir + ": the journal does not begin with a search's creation");
    }
    return created;
  }

  private static ChronicleJournal open(Path dir, JournalConfig config) {
    try {
      return ChronicleJournal.open(dir, Clock.systemUTC(), config);
    } catch (JournalException e) {
      throw new UserError("cannot open journal " + dir + ": " + e.getMessage(), e);
    }
  }
}
