package org.nautilus.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.cli.search.JournaledSpec;
import org.nautilus.cli.search.SearchRunner;
import org.nautilus.cli.search.SpecRun;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nautilus search SPEC --journal DIR}: runs the search a spec file describes, journaled in DIR.
 * A DIR that already holds the same spec's search is resumed; one that holds another search is refused.
 */
@Command(name = "search", description = "Run the search a spec file (YAML or JSON) describes, journaled to DIR.")
public final class SearchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "The spec file (see examples/README.md).")
  Path specFile;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "Where to journal the search (default: journals/<spec name>-<date>-<time>).")
  Optional<Path> journalDir;

  @Option(names = "--durability", paramLabel = "MODE", defaultValue = "group",
      description = "When journaled events are on disk: sync (fsync each), group (fsync in groups, the default), "
          + "os (page cache only: survives a killed process, not a power cut).")
  String durability;

  @Override
  public Integer call() throws Exception {
    JournalConfig config = ResumeCommand.journalConfig(durability);
    String content;
    try {
      content = Files.readString(specFile, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(specFile + ": no such spec file", e);
    } catch (IOException e) {
      throw new UserError(specFile + ": cannot read the spec: " + e.getMessage(), e);
    }
    Path base = specFile.toAbsolutePath().normalize().getParent();
    JournaledSpec journaled = new JournaledSpec(specFile.getFileName().toString(), base, content);
    Path dir = journalDir.orElseGet(() -> Path.of("journals", specFile.getFileName().toString()
        .replaceFirst("\\.(ya?ml|json)$", "") + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    if (ChronicleJournal.exists(dir)) {
      JournaledSpec existing = ResumeCommand.journaledSpec(dir);
      if (!existing.content().equals(content)) {
        throw new UserError("--journal " + dir + " already holds a different search (from " + existing.file()
            + "); choose another directory, or continue that one with 'nautilus resume " + dir + "'");
      }
      return ResumeCommand.resume(dir, true, config);
    }
    SpecRun run = SpecRun.of(journaled, System.nanoTime());
    run.searcher(); // fail on a bad strategy or trainer section before anything is journaled
    run.trainers(dir);
    System.out.println("nautilus search: " + run.spec().strategy().name() + " over " + run.space().name()
        + ", seed " + run.seed() + ", journal " + dir);
    try (ChronicleJournal journal = create(dir, config)) {
      return SearchRunner.run(run, journal, false, true, System.out);
    }
  }

  private static ChronicleJournal create(Path dir, JournalConfig config) {
    try {
      return ChronicleJournal.create(dir, Clock.systemUTC(), config);
    } catch (JournalException e) {
      throw new UserError("cannot create journal in " + dir + ": " + e.getMessage(), e);
    }
  }
}
