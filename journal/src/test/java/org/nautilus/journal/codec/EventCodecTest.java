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
    assertEquals(8, EventCodec.tag(Event.TrialPruned.class));
    assertEquals(9, EventCodec.tag(Event.SearcherSnapshotted.class));
    assertEquals(10, EventCodec.tag(Event.SearchPaused.class));
    assertEquals(11, EventCodec.tag(Event.SearchResumed.class));
    assertEquals(12, EventCodec.tag(Event.NoteAdded.class));
    assertEquals(13, EventCodec.tag(Event.SearcherAsked.class));
    assertEquals(14, EventCodec.tag(Event.MemberAsked.class));
    assertEquals(15, EventCodec.tag(Event.ProposalRefused.class));
    Set<Integer> tags = new TreeSet<>();
    for (Class<? extends Event> type : EventSamples.eventTypes()) {
      assertTrue(tags.add(EventCodec.tag(type)), "tag of " + type.getSimpleName() + " is taken");
    }
  }

  /** A schema-1 record as a schema-1 Nautilus wrote it: schema-1 journals stay readable forever. */
  @Test
  void schemaOneRecordsAreStillRead() {
    Envelope envelope = new Envelope(5, 1, AT,
        new EpochReported(TrialId.of(2), 3, Map.of("loss", 0.25, "acc", -0.0)));
    String hex = "0400" + "0100" + "0500000000000000" + "4c936235cc882c18" // 1741917566535897932 ns
        + "0200000000000000" + "03000000"
        + "02000000" + "03000000" + "616363" + "0000000000000080"
        + "04000000" + "6c6f7373" + "000000000000d03f";
    EventSamples.assertBitExact(envelope, EventCodec.fromBytes(HexFormat.of().parseHex(hex), WHERE));
    // schema 1's TrialStarted had no node: it reads as the local node
    String started = "0300" + "0100" + "0700000000000000" + "4c936235cc882c18" + "0200000000000000"
        + "07000000" + "746162756c6172" + "05000000" + "6370753a30" + "01000000";
    assertEquals(new TrialStarted(TrialId.of(2), "tabular", TrialStarted.LOCAL_NODE, "cpu:0", 1),
        EventCodec.fromBytes(HexFormat.of().parseHex(started), WHERE).event());
  }

  /** A schema-2 record as bytes, frozen: the layout, the checksum and what it covers. */
  @Test
  void schemaTwoLayoutIsFrozen() {
    Envelope envelope = new Envelope(5, 2, AT,
        new EpochReported(TrialId.of(2), 3, Map.of("loss", 0.25, "acc", -0.0)));
    String body = "0500000000000000" + "4c936235cc882c18" // 1741917566535897932 ns
        + "0200000000000000" + "03000000"
        + "02000000" + "03000000" + "616363" + "0000000000000080"
        + "04000000" + "6c6f7373" + "000000000000d03f";
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(HexFormat.of().parseHex("0400" + "0200"));
    crc.update(HexFormat.of().parseHex(body));
    String checksum = String.format("%08x", Integer.reverseBytes((int) crc.getValue()));
    String hex = "0400" + "0200" + checksum + body;
    assertEquals(hex, HexFormat.of().formatHex(EventCodec.toBytes(envelope)));
    EventSamples.assertBitExact(envelope, EventCodec.fromBytes(HexFormat.of().parseHex(hex), WHERE));
  }

  /** Any single flipped bit anywhere in a record is caught, header and checksum included. */
  @Test
  void everySingleBitFlipIsDetected() {
    for (Event event : EventSamples.oneOfEach(1)) {
      byte[] record = EventCodec.toBytes(new Envelope(9, EventCodec.SCHEMA, AT, event));
      for (int bit = 0; bit < record.length * 8; bit++) {
        byte[] flipped = record.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        int b = bit;
        JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(flipped, WHERE),
            event.getClass().getSimpleName() + " bit " + b);
        assertTrue(e.getMessage().startsWith(WHERE), e.getMessage());
      }
    }
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
    byte[] one = EventCodec.toBytes(new Envelope(1, 2, AT, new TrialCompleted(TrialId.of(1), ascending, 1.5)));
    byte[] two = EventCodec.toBytes(new Envelope(1, 2, AT, new TrialCompleted(TrialId.of(1), descending, 1.5)));
    assertArrayEquals(one, two);
  }

  @Test
  void unknownTypeTagNamesTheTagAndTheRecord() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 2, AT, new SearchFinished("budget")));
    record[0] = 42;
    resign(record);
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(record, WHERE));
    assertFalse(e instanceof CorruptRecordException, "a newer type is not damage");
    assertEquals("journal /x: record 17 has unknown event type 42 for schema 2; written by a newer Nautilus?",
        e.getMessage());
  }

  /** Tags introduced by schema 2 in a schema-1 record cannot be a schema-1 event. */
  @Test
  void aTagNewerThanTheRecordsSchemaIsUnknown() {
    String pruned = "0800" + "0100" + "0100000000000000" + "0000000000000000" + "0100000000000000" + "0200000003000000";
    JournalException e = assertThrows(JournalException.class,
        () -> EventCodec.fromBytes(HexFormat.of().parseHex(pruned), WHERE));
    assertEquals("journal /x: record 17 has unknown event type 8 for schema 1; written by a newer Nautilus?",
        e.getMessage());
  }

  @Test
  void newerSchemaIsRefused() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 2, AT, new SearchFinished("budget")));
    record[2] = 3;
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(record, WHERE));
    assertFalse(e instanceof CorruptRecordException, "a newer schema is not damage");
    assertEquals("journal /x: record 17 has schema 3, newer than 2; written by a newer Nautilus?", e.getMessage());
  }

  @Test
  void aChecksumMismatchNamesBothChecksums() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 2, AT, new SearchFinished("budget")));
    record[record.length - 1] ^= 1;
    CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> EventCodec.fromBytes(record, WHERE));
    assertTrue(e.getMessage().matches("journal /x: record 17 is corrupt: checksum [0-9a-f]{8}, expected [0-9a-f]{8}"),
        e.getMessage());
  }

  /** Recomputes a record's checksum after a test edited it on purpose. */
  private static void resign(byte[] record) {
    int crc = EventCodec.checksum(record, 0, record.length);
    java.nio.ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, crc);
  }

  @Test
  void truncatedOrPaddedRecordIsCorrupt() {
    byte[] record = EventCodec.toBytes(new Envelope(1, 2, AT,
        new TrialFailed(TrialId.of(3), "out of memory", true, 2)));
    for (byte[] bad : List.of(Arrays.copyOf(record, record.length - 1), Arrays.copyOf(record, record.length + 1),
        Arrays.copyOf(record, 3))) {
      JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(bad, WHERE));
      assertTrue(e.getMessage().startsWith("journal /x: record 17 is corrupt"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    byte[] badBoolean = record.clone();
    badBoolean[badBoolean.length - 5] = 7; // the retryable byte, before the i32 attempt
    resign(badBoolean);
    JournalException e = assertThrows(JournalException.class, () -> EventCodec.fromBytes(badBoolean, WHERE));
    assertTrue(e.getMessage().contains("boolean byte 7"), e.getMessage());
  }

  @Test
  void onlyTheCurrentSchemaIsWritten() {
    for (int schema : new int[] {0, 1, 3}) {
      Envelope other = new Envelope(1, schema, AT, new SearchFinished("done"));
      assertThrows(IllegalArgumentException.class, () -> EventCodec.toBytes(other));
    }
  }
}
