package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nautilus.journal.Durability;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;

/** The write path in every durability mode: acknowledgements, their order and thread, locks, a full disk. */
class DurabilityModesTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");

  @TempDir Path tmp;

  static Stream<Durability> modes() {
    return Stream.of(Durability.sync(), Durability.group(), Durability.group(4, Duration.ofMillis(50)), Durability.os());
  }

  @ParameterizedTest
  @MethodSource("modes")
  void blockingAndAsynchronousAppendsAreAcknowledgedInOrderAndReplayed(Durability durability) {
    JournalConfig config = JournalConfig.defaults().with(durability);
    List<Envelope> acknowledged = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Envelope>> acks = new ArrayList<>();
    List<CompletableFuture<Void>> seen = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), config)) {
      assertEquals(durability, journal.durability());
      for (int i = 0; i < 30; i++) {
        if (i % 3 == 0) {
          acknowledged.add(journal.append(new Event.NoteAdded("blocking " + i)));
        } else {
          CompletableFuture<Envelope> ack = journal.appendAsync(new Event.NoteAdded("async " + i));
          acks.add(ack);
          seen.add(ack.thenAccept(acknowledged::add));
        }
      }
      CompletableFuture.allOf(seen.toArray(new CompletableFuture[0])).join();
      // every acknowledgement came in seq order (blocking ones interleave with the async ones)
      List<Long> seqs = acknowledged.stream().map(Envelope::seq).sorted().toList();
      assertEquals(30, seqs.size());
      assertEquals(30L, seqs.get(29));
      for (CompletableFuture<Envelope> ack : acks) {
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally());
      }
    }
    List<Envelope> read = ChronicleJournal.read(tmp);
    assertEquals(30, read.size());
    assertEquals(new Event.NoteAdded("async 29"), read.get(29).event());
  }

  /** Group mode: the fsync thread completes acknowledgements, in seq order; the writer's thread never waits for them. */
  @Test
  void groupAcknowledgementsCompleteOnTheFsyncThreadInSeqOrder() {
    // No group fills or falls due: the one fsync comes with close, after every callback is attached.
    JournalConfig config = JournalConfig.defaults().with(Durability.group(1_000_000, Duration.ofHours(1)));
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Long> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Envelope>> acks = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), config)) {
      for (int i = 0; i < 200; i++) {
        CompletableFuture<Envelope> ack = journal.appendAsync(new Event.NoteAdded("n" + i));
        acks.add(ack.thenApply(e -> {
          threads.add(Thread.currentThread().getName());
          order.add(e.seq());
          return e;
        }));
      }
      assertTrue(acks.stream().noneMatch(CompletableFuture::isDone), "acknowledged before any fsync");
    }
    CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).join();
    assertEquals(200, order.size());
    for (int i = 0; i < 200; i++) {
      assertEquals(i + 1, order.get(i));
    }
    assertTrue(threads.stream().allMatch(t -> t.equals("nautilus-journal-fsync journal " + tmp)), threads.get(0));
  }

  /** Every mode reports an appended event durable, once it is, by seq; the events replay. */
  @ParameterizedTest
  @MethodSource("modes")
  void reportingAppendsAreHeardDurableThroughTheLastSeq(Durability durability) {
    JournalConfig config = JournalConfig.defaults().with(durability);
    java.util.concurrent.atomic.AtomicLong heard = new java.util.concurrent.atomic.AtomicLong();
    List<Long> order = new CopyOnWriteArrayList<>();
    Journal.DurabilityListener listener = new Journal.DurabilityListener() {
      @Override
      public void durableThrough(long seq) {
        order.add(seq);
        heard.set(seq);
      }

      @Override
      public void failed(org.nautilus.journal.JournalException cause) {
        throw new AssertionError("no failure expected", cause);
      }
    };
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), config)) {
      for (int i = 0; i < 50; i++) {
        assertEquals(i + 1, journal.appendReporting(new Event.NoteAdded("r" + i), listener).seq());
      }
      if (durability.mode() != Durability.Mode.GROUP) {
        assertEquals(50, heard.get(), "os and sync modes report at once");
      }
    }
    assertEquals(50, heard.get(), "close commits and reports what waits");
    for (int i = 1; i < order.size(); i++) {
      assertTrue(order.get(i) > order.get(i - 1), "reports grow: " + order);
    }
    assertEquals(50, ChronicleJournal.read(tmp).size());
  }

  @Test
  void closeAcknowledgesWhatIsWaiting() {
    JournalConfig config = JournalConfig.defaults().with(Durability.group(1_000_000, Duration.ofHours(1)));
    CompletableFuture<Envelope> ack;
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), config)) {
      ack = journal.appendAsync(new Event.NoteAdded("waits for a group that never fills"));
      assertTrue(!ack.isDone(), "acknowledged before any fsync");
    }
    assertEquals(1, ack.join().seq());
  }

  @Test
  void aSecondWriterInTheSameProcessIsRefusedUntilTheFirstCloses() {
    ChronicleJournal first = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10));
    first.append(new Event.NoteAdded("one"));
    JournalException e = assertThrows(JournalException.class,
        () -> ChronicleJournal.open(tmp, EventSamples.steppingClock(START, 10)));
    assertEquals("journal " + tmp + " is being written by this process (pid " + ProcessHandle.current().pid()
        + "); one writer per journal (readers need no lock)", e.getMessage());
    assertEquals(1, ChronicleJournal.read(tmp).size(), "readers need no lock");
    first.close();
    try (ChronicleJournal second = ChronicleJournal.open(tmp, EventSamples.steppingClock(START, 10))) {
      assertEquals(2, second.append(new Event.NoteAdded("two")).seq());
    }
  }

  /**
   * A disk too full to write is refused with a clear message, before Chronicle could write to a mapped
   * page it cannot back. (The floor stands in for a full disk: filling a real one is not for a unit test.)
   */
  @Test
  void aNearlyFullDiskIsRefusedAndWhatWasAcknowledgedStays() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10))) {
      journal.append(new Event.NoteAdded("acknowledged"));
    }
    JournalConfig full = new JournalConfig(Durability.group(), Long.MAX_VALUE);
    JournalException e = assertThrows(JournalException.class,
        () -> ChronicleJournal.open(tmp, EventSamples.steppingClock(START, 10), full));
    assertTrue(e.getMessage().startsWith("journal " + tmp + ": disk nearly full: "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" MiB needed; free some space and resume the search"), e.getMessage());
    assertEquals(List.of(new Event.NoteAdded("acknowledged")),
        ChronicleJournal.read(tmp).stream().map(Envelope::event).toList());
    try (ChronicleJournal journal = ChronicleJournal.open(tmp, EventSamples.steppingClock(START, 10))) {
      assertEquals(2, journal.append(new Event.NoteAdded("after space was freed")).seq());
    }
  }

  @Test
  void anOversizedEventIsRefusedAndTheJournalGoesOn() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10))) {
      journal.append(new Event.NoteAdded("before"));
      JournalException e = assertThrows(JournalException.class, () -> journal.append(
          new Event.SearcherSnapshotted("gp", 1, new byte[ChronicleJournal.MAX_RECORD_BYTES])));
      assertTrue(e.getMessage().startsWith("journal " + tmp + ": a SearcherSnapshotted of 15,728,6"), e.getMessage());
      assertTrue(e.getMessage().endsWith(" bytes is over the 15,728,640-byte limit of a record"), e.getMessage());
      assertEquals(2, journal.append(new Event.NoteAdded("after")).seq());
    }
    assertEquals(2, ChronicleJournal.read(tmp).size());
  }

  @Test
  void durabilityParsesItsNamesAndRefusesOthers() {
    assertEquals(Durability.sync(), Durability.parse("sync"));
    assertEquals(Durability.group(), Durability.parse("GROUP"));
    assertEquals(Durability.os(), Durability.parse("os"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durability.parse("fast"));
    assertEquals("durability 'fast' is not one of sync, group, os", e.getMessage());
  }
}
