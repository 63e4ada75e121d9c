package org.nautilus.journal.codec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.nautilus.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a journal's files fit to append to after a crash, before Chronicle opens them: a torn last
 * record (or a file cut short, or garbage at its end) is cut off with a warning, keeping every record
 * before it; damage in the middle is refused, never repaired silently.
 *
 * <p>Only the newest cycle file is checked: appends only ever go to it, so a crash can only tear it,
 * and checking one day's file keeps opening fast. {@code JournalVerifier} checks them all.
 *
 * <p><b>How a tail is cut.</b> Chronicle keeps its own index and write position inside the cycle file,
 * so bytes cannot simply be zeroed behind its back. Instead the good records are copied, byte for
 * byte, into a fresh cycle file for the same day (Chronicle builds its index anew), which then
 * replaces the damaged file by an atomic rename; the damaged file stays, hard-linked, in
 * {@value #DAMAGED}/ for inspection. A crash during recovery leaves either the old or the new file.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  static final String DAMAGED = "damaged";
  private static final String WORK = ".recovery";
  private static final DateTimeFormatter CYCLE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private Recovery() {}

  /** The cycle files of the journal in {@code dir}, oldest first. */
  static List<Path> cycleFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> cycles = Files.newDirectoryStream(dir, "*.cq4")) {
      cycles.forEach(files::add);
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot list the directory: " + e, e);
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return files;
  }

  /**
   * Checks the newest cycle file of the journal in {@code dir} and cuts a torn tail off it.
   *
   * @return the torn tail that was cut, if any
   * @throws JournalException for damage other than a torn tail, naming the file and byte offset
   */
  static Optional<JournalProblem> recover(Path dir) {
    List<Path> files = cycleFiles(dir);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Path last = files.get(files.size() - 1);
    CycleScanner.Result result = CycleScanner.scan(last, -1, false, (offset, record, length, envelope) -> { });
    List<JournalProblem> damage = result.damage();
    if (!damage.isEmpty()) {
      boolean newer = damage.get(0).kind() == JournalProblem.Kind.NEWER_VERSION;
      throw new JournalException("journal " + dir + (newer ? " holds records this Nautilus cannot read: " : " is damaged: ")
          + damage.get(0)
          + (damage.size() > 1 ? " (and " + (damage.size() - 1) + " more)" : "")
          + "; run 'nautilus journal verify " + dir + "'");
    }
    if (result.cleanEnd()) {
      return Optional.empty();
    }
    // A file cut exactly after a whole record has no torn record, but no end mark either; Chronicle
    // expects one (or its zero padding) there, so it is rebuilt like a torn one, losing nothing.
    JournalProblem torn = result.tornTail().orElse(new JournalProblem(last, result.goodEnd(),
        JournalProblem.Kind.TORN_TAIL, "the file ends at byte " + result.goodEnd()
        + " right after a whole record, without an end mark (cut short)"));
    LOG.warn("journal {}: {}; cutting it off, keeping {} records{} (the damaged file is kept in {}/)", dir, torn,
        result.records(), result.records() == 0 ? "" : " up to seq " + result.lastSeq(), DAMAGED);
    rewrite(dir, last, result.records());
    return Optional.of(torn);
  }

  /** Replaces {@code file} by a fresh cycle file holding its first {@code records} good records. */
  private static void rewrite(Path dir, Path file, long records) {
    Path work = dir.resolve(WORK);
    try {
      deleteTree(work);
      Files.createDirectories(work);
      String name = file.getFileName().toString();
      long cycleStartMillis = LocalDate.parse(name.substring(0, 8), CYCLE_DATE).atStartOfDay(ZoneOffset.UTC)
          .toInstant().toEpochMilli();
      try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(work).rollCycle(ChronicleJournal.ROLL_CYCLE)
              .timeProvider(() -> cycleStartMillis).build();
           ExcerptAppender appender = queue.createAppender()) {
        long[] copied = {0};
        CycleScanner.scan(file, -1, false, (offset, record, length, envelope) -> {
          if (copied[0]++ < records) {
            appender.writeBytes(BytesStore.wrap(java.util.Arrays.copyOf(record, length)));
          }
        });
      }
      Path damaged = Files.createDirectories(dir.resolve(DAMAGED));
      Path keep = damaged.resolve(name + "." + freeSuffix(damaged, name));
      Files.createLink(keep, file);
      Path rebuilt = work.resolve(name);
      if (Files.exists(rebuilt)) {
        Files.move(rebuilt, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.delete(file); // no good record at all: Chronicle makes the file again on the next append
      }
      fsyncDirectory(dir);
      deleteTree(work);
    } catch (IOException | RuntimeException e) {
      throw new JournalException("journal " + dir + ": cannot cut the torn tail off " + file + ": " + e, e);
    }
  }

  private static int freeSuffix(Path damaged, String name) {
    int n = 1;
    while (Files.exists(damaged.resolve(name + "." + n))) {
      n++;
    }
    return n;
  }

  /** Makes a rename or a new file in {@code dir} durable (Linux: fsync of the directory). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
