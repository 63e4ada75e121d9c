package org.nautilus.cli.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nautilus.cli.Nautilus;
import org.nautilus.cli.UserError;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.JournalProblem;
import org.nautilus.journal.codec.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nautilus journal verify DIR}: checks every record of a journal (checksums, sequence, how each
 * file ends); prints one line per problem and exits non-zero if there is any. Read-only, and safe
 * while the search is running.
 */
@Command(name = "verify", description = {"Check every record of a search's journal: checksums, sequence numbers, "
    + "how each file ends.", "Prints one line per problem and exits with status 1 if there is any; read-only."})
public final class JournalVerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The journal directory of a search.")
  Path directory;

  @Override
  public Integer call() {
    JournalVerifier.Report report;
    try {
      report = JournalVerifier.verify(directory);
    } catch (JournalException e) {
      throw new UserError(e.getMessage(), e);
    }
    for (JournalProblem problem : report.problems()) {
      System.out.println(problem);
    }
    String summary = String.format("%s: %,d records in %d file%s, last seq %,d", directory, report.records(),
        report.files(), report.files() == 1 ? "" : "s", report.lastSeq());
    if (report.ok()) {
      System.out.println(summary + ": ok");
      return 0;
    }
    System.out.println(summary + ": " + report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s"));
    return Nautilus.FAILURE;
  }
}
