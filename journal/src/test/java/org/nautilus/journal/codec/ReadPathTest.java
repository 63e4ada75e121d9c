package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.TrialId;

/** Replay from a seq, snapshots and resume, and a live tail. */
class ReadPathTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final JournalConfig OS = JournalConfig.defaults().with(Durability.os());

  @TempDir Path tmp;

  private List<Envelope> writeTrials(ChronicleJournal journal, int from, int to) {
    List<Envelope> written = new ArrayList<>();
    for (int t = from; t <= to; t++) {
      TrialId id = TrialId.of(t);
      written.add(journal.append(new Event.TrialProposed(id, "random", EventSamples.CELL_A, 2)));
      written.add(journal.append(new Event.TrialStarted(id, "cpu0", "local", "cpu:0", 1)));
      written.add(journal.append(new Event.EpochReported(id, 1, Map.of("val_acc", t * 1e-3))));
      written.add(journal.append(new Event.TrialCompleted(id, Map.of("val_acc", t * 1e-3), 1.5)));
    }
    return written;
  }

  @Test
  void replayFromASeqStreamsTheRestInOrder() {
    List<Envelope> written;
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), OS)) {
      written = writeTrials(journal, 1, 50);
      List<Envelope> live = new ArrayList<>();
      journal.replay(137, live::add);
      assertEquals(written.subList(136, 200), live);
    }
    for (long from : new long[] {1, 2, 199, 200, 201, 1_000}) {
      List<Envelope> read = new ArrayList<>();
      ChronicleJournal.read(tmp, from, read::add);
      assertEquals(written.subList((int) Math.min(from - 1, 200), 200), read, "from " + from);
    }
  }

  @Test
  void resumeReadsTheLatestSnapshotAndOnlyTheEventsAfterIt() throws IOException {
    SearchState live = new SearchState();
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10))) {
      writeTrials(journal, 1, 30).forEach(live::apply);
      journal.snapshot(live);
      writeTrials(journal, 31, 60).forEach(live::apply);
      journal.snapshot(live);
      writeTrials(journal, 61, 70).forEach(live::apply);
      journal.append(new Event.NoteAdded("after the last snapshot")); // not folded into live
    }
    SearchState full = SearchState.of(ChronicleJournal.read(tmp));
    assertEquals(281, full.lastSeq());
    ChronicleJournal.Resumed resumed = ChronicleJournal.resume(tmp);
    org.nautilus.journal.state.StateFoldTestAccess.assertSameState(full, resumed.state());
    assertEquals(240, resumed.snapshotSeq());
    assertEquals(41, resumed.eventsFolded(), "only the events after the snapshot");
    assertEquals(List.of(tmp.resolve("snapshot-00000000000000000120.bin"), tmp.resolve("snapshot-00000000000000000240.bin")),
        snapshots());

    // the newest snapshot damaged: the one before it is used, with a warning, and the result is the same
    try (RandomAccessFile file = new RandomAccessFile(snapshots().get(1).toFile(), "rw")) {
      file.seek(file.length() - 3);
      file.write(0x5a);
    }
    resumed = ChronicleJournal.resume(tmp);
    org.nautilus.journal.state.StateFoldTestAccess.assertSameState(full, resumed.state());
    assertEquals(120, resumed.snapshotSeq(), "the older snapshot");
    assertEquals(161, resumed.eventsFolded());
    Files.delete(snapshots().get(0));
    Files.delete(snapshots().get(0));
    resumed = ChronicleJournal.resume(tmp);
    org.nautilus.journal.state.StateFoldTestAccess.assertSameState(full, resumed.state());
    assertEquals(0, resumed.snapshotSeq(), "no snapshot left");
    assertEquals(281, resumed.eventsFolded());
  }

  @Test
  void aSnapshotMustBeOfTheWholeJournal() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), OS)) {
      List<Envelope> written = writeTrials(journal, 1, 2);
      SearchState behind = SearchState.of(written.subList(0, 7));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> journal.snapshot(behind));
      assertEquals("the state is at seq 7, the journal at 8", e.getMessage());
    }
  }

  @Test
  void aTailFollowsAWriterOnAnotherThread() throws Exception {
    ChronicleJournal.create(tmp, EventSamples.steppingClock(START, 10), OS).close();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (JournalTail tail = JournalTail.open(tmp, 5)) {
      assertEquals(Optional.empty(), tail.poll(), "nothing written yet");
      Future<List<Envelope>> writing = writer.submit(() -> {
        try (ChronicleJournal journal = ChronicleJournal.open(tmp, EventSamples.steppingClock(START, 10), OS)) {
          List<Envelope> written = new ArrayList<>();
          for (int i = 1; i <= 2_000; i++) {
            written.add(journal.append(new Event.NoteAdded("note " + i)));
          }
          return written;
        }
      });
      List<Envelope> followed = new ArrayList<>();
      while (followed.size() < 1_996) {
        Optional<Envelope> next = tail.poll(Duration.ofSeconds(30));
        assertTrue(next.isPresent(), "waited in vain after " + followed.size() + " events");
        followed.add(next.get());
      }
      assertEquals(writing.get().subList(4, 2_000), followed);
      assertEquals(2_000, tail.lastSeq());
      assertEquals(Optional.empty(), tail.poll());
    } finally {
      writer.shutdownNow();
    }
  }

  private List<Path> snapshots() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
    }
  }
}
