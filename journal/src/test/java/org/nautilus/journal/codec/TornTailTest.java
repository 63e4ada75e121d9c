package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

/**
 * A crash can leave any prefix of the file's bytes, possibly followed by garbage. For many such
 * files, opening the journal must recover exactly the records that were whole, return no damaged
 * event, and take appends again.
 */
class TornTailTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final JournalConfig OS = JournalConfig.defaults().with(Durability.os());
  private static final long SEED = 20251123L;
  private static final int CASES = 120;

  @TempDir Path tmp;

  @Test
  void everyCutAndGarbageRecoversExactlyTheWholeRecordsBeforeIt() throws IOException {
    Path original = tmp.resolve("original");
    List<Envelope> written = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.create(original, EventSamples.steppingClock(START, 1000), OS)) {
      for (int i = 0; i < 40; i++) {
        for (Event event : EventSamples.oneOfEach(i)) {
          written.add(journal.append(event));
        }
        written.add(journal.append(new Event.EpochReported(TrialId.of(i + 1), i, Map.of("loss", 1.0 / (i + 1)))));
      }
    }
    Path cycle = Recovery.cycleFiles(original).get(0);
    List<long[]> extents = new ArrayList<>(); // {start, end} of each data record
    CycleScanner.scan(cycle, 0, true, (offset, record, length, envelope) -> extents.add(new long[] {offset, offset + 4 + length}));
    assertEquals(written.size(), extents.size());
    long firstData = extents.get(0)[0];
    long end = extents.get(extents.size() - 1)[1];
    byte[] bytes = readPrefix(cycle, end);
    byte[] metadata = Files.readAllBytes(original.resolve("metadata.cq4t"));

    SplittableRandom random = new SplittableRandom(SEED);
    for (int c = 0; c < CASES; c++) {
      // half the cuts anywhere (file header and index included), half among the records
      long cut = c % 2 == 0 ? random.nextLong(end + 1) : firstData + random.nextLong(end - firstData + 1);
      byte[] garbage = new byte[c % 4 < 2 ? 0 : 1 + random.nextInt(300)];
      random.nextBytes(garbage);
      if (c % 8 == 2 && garbage.length > 4) {
        // garbage that looks like a complete record header, of a plausible length
        garbage[0] = 60;
        garbage[1] = garbage[2] = garbage[3] = 0;
      }
      String label = "case " + c + ": cut at " + cut + " + " + garbage.length + " bytes of garbage (seed " + SEED + ")";
      Path dir = Files.createDirectories(tmp.resolve("case" + c));
      Files.write(dir.resolve("metadata.cq4t"), metadata);
      byte[] damaged = Arrays.copyOf(bytes, (int) cut + garbage.length);
      System.arraycopy(garbage, 0, damaged, (int) cut, garbage.length);
      Files.write(dir.resolve(cycle.getFileName()), damaged);

      int whole = 0;
      while (whole < extents.size() && extents.get(whole)[1] <= cut) {
        whole++;
      }
      List<Envelope> recovered = new ArrayList<>();
      try (ChronicleJournal journal = ChronicleJournal.open(dir, EventSamples.steppingClock(START, 1), OS)) {
        journal.replay(recovered::add);
        assertEquals(whole, recovered.size(), label);
        assertEquals(written.subList(0, whole), recovered, label);
        assertEquals(whole + 1, journal.append(new Event.NoteAdded("after recovery")).seq(), label);
      }
      List<Envelope> reread = ChronicleJournal.read(dir);
      assertEquals(whole + 1, reread.size(), label);
      assertEquals(new Event.NoteAdded("after recovery"), reread.get(whole).event(), label);
      assertTrue(JournalVerifier.verify(dir).ok(), label + ": " + JournalVerifier.verify(dir).problems());
      deleteTree(dir);
    }
  }

  private static byte[] readPrefix(Path file, long length) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return in.readNBytes((int) length);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
