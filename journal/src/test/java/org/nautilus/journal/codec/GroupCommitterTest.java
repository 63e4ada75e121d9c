package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nautilus.journal.Durability;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * Group commit's failure path, with a syncer that fails on demand (a real fsync cannot be made to fail
 * in a unit test; {@link DurabilityModesTest} covers the real fsync's success path).
 */
class GroupCommitterTest {
  private static Envelope envelope(long seq) {
    return new Envelope(seq, 2, Instant.EPOCH, new Event.NoteAdded("n" + seq));
  }

  @Test
  void afterAFailedFsyncNothingMoreIsAcknowledged() {
    AtomicInteger syncs = new AtomicInteger();
    GroupCommitter committer = new GroupCommitter("journal /x", Durability.group(3, Duration.ofHours(1)), () -> {
      if (syncs.incrementAndGet() > 1) {
        throw new UncheckedIOException(new java.io.IOException("No space left on device"));
      }
    });
    try {
      List<CompletableFuture<Envelope>> first = new ArrayList<>();
      for (long seq = 1; seq <= 3; seq++) {
        first.add(committer.submit(envelope(seq), false));
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(i + 1, first.get(i).join().seq(), "a full group is committed");
      }
      List<CompletableFuture<Envelope>> second = new ArrayList<>();
      for (long seq = 4; seq <= 6; seq++) {
        second.add(committer.submit(envelope(seq), false));
      }
      for (CompletableFuture<Envelope> ack : second) {
        CompletionException e = assertThrows(CompletionException.class, ack::join);
        assertTrue(e.getCause() instanceof JournalException, String.valueOf(e.getCause()));
        assertEquals("journal /x: fsync failed: java.io.UncheckedIOException: java.io.IOException: No space left on device",
            e.getCause().getMessage());
      }
      CompletableFuture<Envelope> later = committer.submit(envelope(7), true);
      CompletionException e = assertThrows(CompletionException.class, later::join);
      assertSame(committer.failure(), e.getCause(), "every later acknowledgement fails with the first failure");
      assertEquals(2, syncs.get(), "no fsync after the failure");
    } finally {
      committer.close();
    }
  }

  @Test
  void aBlockingCallerIsCommittedWithoutWaitingForTheGroup() {
    AtomicInteger syncs = new AtomicInteger();
    GroupCommitter committer = new GroupCommitter("journal /x", Durability.group(1_000, Duration.ofHours(1)),
        syncs::incrementAndGet);
    try {
      CompletableFuture<Envelope> waiting = committer.submit(envelope(1), false);
      CompletableFuture<Envelope> blocking = committer.submit(envelope(2), true);
      assertEquals(2, blocking.join().seq());
      assertEquals(1, waiting.join().seq(), "committed with the blocking one");
      assertEquals(1, syncs.get());
    } finally {
      committer.close();
    }
  }

  /** Records what a listener hears, in order. */
  private static final class Heard implements Journal.DurabilityListener {
    final List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.LinkedBlockingQueue<String> next = new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public void durableThrough(long seq) {
      heard.add("durable " + seq);
      next.add("durable " + seq);
    }

    @Override
    public void failed(JournalException cause) {
      heard.add("failed: " + cause.getMessage());
      next.add("failed: " + cause.getMessage());
    }

    String await() throws InterruptedException {
      String s = next.poll(30, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(s != null, "nothing heard in 30 s");
      return s;
    }
  }

  @Test
  void aReportedGroupIsHeardOnceThroughItsHighestSeqAfterTheFsync() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    GroupCommitter committer = new GroupCommitter("journal /x", Durability.group(3, Duration.ofHours(1)),
        syncs::incrementAndGet);
    Heard a = new Heard();
    Heard b = new Heard();
    try {
      committer.submit(1, a);
      committer.submit(2, b);
      assertEquals(0, syncs.get(), "two of a group of three: not yet committed");
      committer.submit(3, a);
      assertEquals("durable 1", a.await(), "a hears its first run, then its second");
      assertEquals("durable 3", a.await());
      assertEquals("durable 2", b.await());
      assertEquals(1, syncs.get(), "one fsync for the group");
      for (long seq = 4; seq <= 6; seq++) {
        committer.submit(seq, a);
      }
      assertEquals("durable 6", a.await(), "a run of one listener is heard once, at its highest seq");
      assertEquals(List.of("durable 1", "durable 3", "durable 6"), a.heard);
    } finally {
      committer.close();
    }
  }

  @Test
  void aReportingListenerHearsTheFailureAndEveryLaterSubmitFailsAtOnce() throws Exception {
    GroupCommitter committer = new GroupCommitter("journal /x", Durability.group(2, Duration.ofHours(1)), () -> {
      throw new UncheckedIOException(new java.io.IOException("Input/output error"));
    });
    Heard heard = new Heard();
    try {
      committer.submit(1, heard);
      committer.submit(2, heard);
      String failure = "failed: journal /x: fsync failed: java.io.UncheckedIOException: java.io.IOException: "
          + "Input/output error";
      assertEquals(failure, heard.await());
      committer.submit(3, heard);
      assertEquals(failure, heard.await(), "refused at once, with the first failure");
      assertEquals(List.of(failure, failure), heard.heard, "never heard durable");
    } finally {
      committer.close();
    }
  }
}
