package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.SearchCreated;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.Event.TrialCompleted;
import org.nautilus.journal.event.Event.TrialFailed;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.Event.TrialStarted;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

class EventCodecTest {
  private static final Instant AT = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final String WHERE = "journal /x: record 17";

  /** Adding an event type without a codec fails here. */
  @Test
  void everyPermittedEventTypeRoundTripsBitExact() {
    for (int variant = 0; variant < 3; variant++) {
      for (Class<? extends Event> type : EventSamples.eventTypes()) {
        Event event = EventSamples.arbitrary(type, variant);
        Envelope envelope = new Envelope(variant + 1, EventCodec.SCHEMA, AT.plusNanos(variant), event);
        Envelope decoded = EventCodec.fromBytes(EventCodec.toBytes(envelope), WHERE);
        EventSamples.assertBitExact(envelope, decoded);
      }
    }
  }

  /** Tags are part of the file format: they may be added to, never changed. */
  @Test
  void tagsAreStableAndDistinct() {
    assertEquals(1, EventCodec.tag(SearchCreated.class));
    assertEquals(2, EventCodec.tag(TrialProposed.class));
    assertEquals(3, EventCodec.tag(TrialStarted.class));
    assertEquals(4, EventCodec.tag(EpochReported.class));
    assertEquals(5, EventCodec.tag(TrialCompleted.class));
    assertEquals(6, EventCodec.tag(TrialFailed.class));
    assertEquals(7, EventCodec.tag(SearchFinished.class));
    Set<Integer> tags = new TreeSet<>();
    for (Class<? extends Event> type : EventSamples.eventTypes()) {
      assertTrue(tags.add(EventCodec.tag(type)), "tag of " + type.getSimpleName() + " is taken");
    }
  }

  /** A schema-1 record as bytes, frozen: schema 1 journals stay readable forever. */
  @Test
  void schemaOneLayoutIsFrozen() {
    Envelope envelope = new Envelope(5, 1, AT,
        new EpochReported(TrialId.of(2), 3, Map.of("loss", 0.25, "acc", -0.0)));
    String hex = "0400" + "0100" + "0500000000000000" + "4c936235cc882c18" // 1741917566535897932 ns
        + "0200000000000000" + "03000000"
        + "02000000" + "03000000" + "616363" + "0000000000000080"
        + "04000000" + "6c6f7373" + "000000000000d03f";
    assertEquals(hex, HexFormat.of().formatHex(EventCodec.toBytes(envelope)));
    EventSamples.assertBitExact(envelope, EventCodec.fromBytes(HexFormat.of().parseHex(hex), WHERE));
  }

  @Test
  void metricsAreWrittenInKeyOrderWhateverTheMapOrder() {
    Map<String, Double> ascending = new LinkedHashMap<>();
    Map<String, Double> descending = new LinkedHashMap<>();
    List<String> keys = List.of("a", "b", "loss", "val_acc", "z");
    for (int i = 0; i < keys.size(); i++) {
      ascending.put(keys.get(i), i * 0.1);
      descending.put(keys.get(keys.size() - 1 - i), (keys.size() - 1 - i) * 0.1);
    }
    byte[] one = EventCodec.toBytes(new Envelope(1, 1, AT, new TrialCompleted(TrialId.of(1), ascending, 1.5)));
    byte[] two = EventCodec.toBytes(new Envelope(1, 1, AT, new TrialCompleted(TrialId.of(1), descending, 1.5)));
    assertArrayEquals(one, two);
  }

  @Test
  void unknownTypeTagNamesTheTagAndTheRecord() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 1, AT, new SearchFinished("budget")));
    record[0] = 42;
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(record, WHERE));
    assertEquals("journal /x: record 17 has unknown event type 42; written by a newer Nautilus?", e.getMessage());
  }

  @Test
  void newerSchemaIsRefused() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 1, AT, new SearchFinished("budget")));
    record[2] = 2;
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(record, WHERE));
    assertEquals("journal /x: record 17 has schema 2, newer than 1; written by a newer Nautilus?", e.getMessage());
  }

  @Test
  void truncatedOrPaddedRecordIsCorrupt() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 1, AT,
        new TrialFailed(TrialId.of(3), "out of memory", true, 2)));
    for (byte[] bad : List.of(Arrays.copyOf(record, record.length - 1), Arrays.copyOf(record, record.length + 1),
        Arrays.copyOf(record, 3))) {
      JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(bad, WHERE));
      assertTrue(e.getMessage().startsWith("journal /x: record 17 is corrupt"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    byte[] badBoolean = record.clone();
    badBoolean[badBoolean.length - 5] = 7; // the retryable byte, before the i32 attempt
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(badBoolean, WHERE));
    assertTrue(e.getMessage().contains("boolean byte 7"), e.getMessage());
  }

  @Test
  void onlyTheCurrentSchemaIsWritten() {
    Envelope old = new Envelope(1, 0, AT, new SearchFinished("done"));
    assertThrows(IllegalArgumentException.class, () -> EventCodec.toBytes(old));
  }
}
