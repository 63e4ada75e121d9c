package org.nautilus.cli.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.export.JsonLines;
import org.nautilus.journal.export.TrialsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nautilus journal export DIR --format csv|jsonl [--out FILE]}: the trials table as CSV (one
 * row per trial) or every event as JSON lines (one line per event), to standard output or a file.
 */
@Command(name = "export", description = "Export a search's journal: the trials table as CSV (one row per trial) "
    + "or every event as JSON lines (one line per event).")
public final class JournalExportCommand implements Callable<Integer> {
  /** Export formats, as typed on the command line. */
  enum Format {
    csv,
    jsonl
  }

  @Parameters(paramLabel = "DIR", description = "The journal directory of a search.")
  Path directory;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "csv (one row per trial) or jsonl (one line per event).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of to standard output.")
  Optional<Path> out = Optional.empty();

  @Override
  public Integer call() {
    if (!ChronicleJournal.exists(directory)) {
      throw new UserError("no journal at " + directory);
    }
    try (Writer writer = open()) {
      if (format == Format.csv) {
        TrialsCsv.write(ChronicleJournal.state(directory), writer);
      } else {
        try (JsonLines lines = new JsonLines(writer)) {
          ChronicleJournal.read(directory, lines);
        }
      }
    } catch (JournalException e) {
      throw new UserError(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  private Writer open() {
    if (out.isEmpty()) {
      // not closed by the caller's try: closing System.out would hide later errors
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    try {
      return Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("--out " + out.get() + ": cannot write: " + e.getMessage(), e);
    }
  }
}
