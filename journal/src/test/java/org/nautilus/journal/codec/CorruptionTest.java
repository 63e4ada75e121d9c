package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

/** Damage in the middle of a journal (a bit flip, a bad sector) is found, named, and never repaired silently. */
class CorruptionTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final JournalConfig OS = JournalConfig.defaults().with(Durability.os());
  private static final int EVENTS = 600;

  @TempDir Path dir;
  private Path cycle;
  private final List<long[]> extents = new ArrayList<>(); // {start, end} of each data record

  @BeforeEach
  void writeJournal() {
    try (ChronicleJournal journal = ChronicleJournal.create(dir, EventSamples.steppingClock(START, 1000), OS)) {
      for (int i = 1; i <= EVENTS; i++) {
        journal.append(new Event.EpochReported(TrialId.of(i), i % 7, Map.of("loss", 1.0 / i, "val_acc", i * 1e-3)));
      }
    }
    cycle = Recovery.cycleFiles(dir).get(0);
    CycleScanner.scan(cycle, 0, true, (offset, record, length, envelope) -> extents.add(new long[] {offset, offset + 4 + length}));
    assertEquals(EVENTS, extents.size());
    assertTrue(JournalVerifier.verify(dir).ok());
  }

  /** A flipped bit in a record's body: verify names the file, the byte offset and the record; nothing else is lost. */
  @Test
  void aBitFlipInARecordIsNamedWithItsPosition() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 25; round++) {
      int victim = 10 + random.nextInt(EVENTS - 20);
      long[] extent = extents.get(victim);
      long at = extent[0] + 4 + random.nextLong(extent[1] - extent[0] - 4);
      int bit = random.nextInt(8);
      flip(at, bit);
      String label = "round " + round + ": record " + (victim + 1) + ", bit " + bit + " of byte " + at;

      JournalVerifier.Report report = JournalVerifier.verify(dir);
      assertEquals(1, report.problems().size(), label + ": " + report.problems());
      JournalProblem problem = report.problems().get(0);
      assertEquals(JournalProblem.Kind.CORRUPT, problem.kind(), label);
      assertEquals(cycle, problem.file(), label);
      assertEquals(extent[0], problem.offset(), label);
      assertTrue(problem.detail().startsWith("checksum "), label + ": " + problem);
      assertTrue(problem.detail().endsWith("(seq " + (victim + 1) + " unreadable)"), label + ": " + problem);
      assertEquals(EVENTS - 1, report.records(), label);
      assertEquals(EVENTS, report.lastSeq(), label);

      JournalException open = assertThrows(JournalException.class,
          () -> ChronicleJournal.open(dir, EventSamples.steppingClock(START, 1), OS), label);
      assertTrue(open.getMessage().startsWith("journal " + dir + " is damaged: " + cycle + " at byte " + extent[0]),
          label + ": " + open.getMessage());
      CorruptRecordException read = assertThrows(CorruptRecordException.class, () -> ChronicleJournal.read(dir), label);
      assertTrue(read.getMessage().startsWith("journal " + dir + ": record " + (victim + 1) + " is corrupt"),
          label + ": " + read.getMessage());

      flip(at, bit);
      assertTrue(JournalVerifier.verify(dir).ok(), label + ": flipped back");
    }
  }

  /** A flipped bit in a record's length throws the scan off course; it finds its way back to the next good record. */
  @Test
  void aBitFlipInAHeaderIsFoundAndTheRecordsAfterItSurvive() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 10; round++) {
      int victim = 10 + random.nextInt(EVENTS - 20);
      long at = extents.get(victim)[0] + random.nextInt(3); // the 30-bit length, not the flag bits
      int bit = random.nextInt(8);
      flip(at, bit);
      String label = "round " + round + ": header of record " + (victim + 1) + ", bit " + bit + " of byte " + at;

      JournalVerifier.Report report = JournalVerifier.verify(dir);
      assertTrue(!report.ok(), label);
      JournalProblem problem = report.problems().get(0);
      assertEquals(JournalProblem.Kind.CORRUPT, problem.kind(), label + ": " + report.problems());
      assertTrue(problem.offset() <= extents.get(victim)[0] && problem.offset() >= extents.get(victim - 1)[0],
          label + ": " + problem);
      assertEquals(EVENTS, report.lastSeq(), label + ": the records after the damage are still found");
      assertTrue(report.records() >= EVENTS - 2, label + ": " + report.records());

      flip(at, bit);
      assertTrue(JournalVerifier.verify(dir).ok(), label + ": flipped back");
    }
  }

  private void flip(long at, int bit) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw")) {
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ (1 << bit));
    }
  }
}
