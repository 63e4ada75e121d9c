package org.nautilus.journal.codec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.journal.JournalException;

/**
 * Checks a whole journal, read-only: every record of every cycle file decoded and its checksum
 * compared, seqs running 1, 2, 3... across files, and how each file ends. The journal may be open for
 * writing meanwhile (a record being written then shows as a torn tail).
 */
public final class JournalVerifier {
  private JournalVerifier() {}

  /**
   * What {@link #verify} found.
   *
   * @param files cycle files checked
   * @param records good records
   * @param lastSeq seq of the last good record, 0 if none
   * @param problems every problem, in file order
   */
  public record Report(Path dir, int files, long records, long lastSeq, List<JournalProblem> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    /** No problem found. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Verifies the journal in {@code dir}.
   *
   * @throws JournalException if {@code dir} holds no journal or a file cannot be read
   */
  public static Report verify(Path dir) {
    ChronicleJournal.requireJournal(dir);
    List<Path> files = Recovery.cycleFiles(dir);
    List<JournalProblem> problems = new ArrayList<>();
    long records = 0;
    long lastSeq = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      CycleScanner.Result result = CycleScanner.scan(file, lastSeq, true, (offset, record, length, envelope) -> { });
      boolean last = i == files.size() - 1;
      for (JournalProblem problem : result.problems()) {
        // Only the newest file can be torn by a crash; a torn end before later files is plain damage.
        problems.add(problem.kind() == JournalProblem.Kind.TORN_TAIL && !last
            ? new JournalProblem(file, problem.offset(), JournalProblem.Kind.CORRUPT,
                problem.detail() + ", in a file that later files follow")
            : problem);
      }
      records += result.records();
      if (result.records() > 0) {
        lastSeq = result.lastSeq();
      }
    }
    return new Report(dir, files.size(), records, lastSeq, problems);
  }
}
