package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

/** Journals written by earlier schema versions stay readable, and can be appended to. */
class SchemaCompatibilityTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final long STEP_NANOS = 1_234_567;

  @TempDir Path tmp;

  /** The fixture's events, spelled out rather than taken from EventSamples, which may change. */
  private static final List<Event> SCHEMA_1_EVENTS = List.of(
      new Event.SearchCreated("{\"space\":\"nb201\",\"searcher\":\"random\",\"trials\":2}", 7L, "0.1.0-SNAPSHOT"),
      new Event.TrialProposed(TrialId.of(1), "random", EventSamples.CELL_A, 12),
      new Event.TrialStarted(TrialId.of(1), "tabular", "local", "cpu:0", 1),
      new Event.TrialProposed(TrialId.of(2), "random", EventSamples.CELL_B, 12),
      new Event.EpochReported(TrialId.of(1), 1, Map.of("loss", 1.25, "val_acc", 0.61)),
      new Event.TrialStarted(TrialId.of(2), "tabular", "local", "cpu:1", 1),
      new Event.EpochReported(TrialId.of(1), 2, Map.of("loss", 0.875, "val_acc", 0.6875)),
      new Event.TrialFailed(TrialId.of(2), "loss became NaN at epoch 1", false, 1),
      new Event.TrialCompleted(TrialId.of(1), Map.of("val_acc", 0.72, "test_acc", 0.705), 12.5),
      new Event.SearchFinished("budget of 2 trials reached"));

  @Test
  void aSchemaOneJournalReadsAsItWasWritten() throws Exception {
    Path dir = JournalFixtures.copy(JournalFixtures.SCHEMA_1, tmp.resolve("v1"));
    List<Envelope> read = ChronicleJournal.read(dir);
    assertEquals(SCHEMA_1_EVENTS.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      Envelope envelope = read.get(i);
      assertEquals(i + 1, envelope.seq());
      assertEquals(1, envelope.schema());
      assertEquals(START.plusNanos(i * STEP_NANOS), envelope.at());
      EventSamples.assertBitExact(SCHEMA_1_EVENTS.get(i), envelope.event());
    }
  }

  /** A resumed old search appends schema-2 records after its schema-1 ones; both read back. */
  @Test
  void aSchemaOneJournalTakesSchemaTwoAppends() throws Exception {
    Path dir = JournalFixtures.copy(JournalFixtures.SCHEMA_1, tmp.resolve("v1"));
    try (ChronicleJournal journal = ChronicleJournal.open(dir, EventSamples.steppingClock(START, 1))) {
      assertEquals(11, journal.append(new Event.NoteAdded("resumed by a newer Nautilus")).seq());
    }
    List<Envelope> read = ChronicleJournal.read(dir);
    List<Integer> schemas = new ArrayList<>();
    read.forEach(e -> schemas.add(e.schema()));
    assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2), schemas);
    assertEquals(new Event.NoteAdded("resumed by a newer Nautilus"), read.get(10).event());
  }
}
